#!/bin/sh
# cases.sh: end-to-end cases of reading plan sets from git revisions (--rev,
# --base, plan-link diff and suspect): each case builds temporary repositories
# with git's command-line client, runs the real binaries and checks exit
# status, output (some of it whole, against expected/) and messages.
#
# Usage: cases.sh CASE PLAN_VALIDATE PLAN_LINK SOURCE_DIR
#
#   CASE        one of the functions case_* below, without the prefix
#   SOURCE_DIR  the project's source tree (for the plan sets of tests/e2e)
#
# Repositories go under $TMPDIR (default /tmp), outside any other repository,
# and no user or system git configuration is read by git. Exit status: 0
# passed, 1 failed, 77 skipped (ctest's SKIP_RETURN_CODE).
set -eu

[ "$#" -eq 4 ] || [ "$#" -eq 5 ] || {
	printf 'usage: cases.sh CASE PLAN_VALIDATE PLAN_LINK SOURCE_DIR [PLAN_REPORT]\n' >&2
	exit 2
}
name=$1
validate=$2
link=$3
source_dir=$4
report=${5:-}
sets=$source_dir/tests/e2e/sets

fail() {
	printf 'cases.sh %s: FAIL: %s\n' "$name" "$*" >&2
	exit 1
}

command -v git >/dev/null 2>&1 || fail "git is not installed (a test dependency)"
[ -x "$validate" ] || fail "no executable '$validate'"
[ -x "$link" ] || fail "no executable '$link'"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-git.XXXXXX") || fail "cannot create a temporary directory"
tmp=$(cd "$tmp" && pwd -P)
cleanup() {
	chmod -R u+w "$tmp" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

# Nothing from the user's or the system's git set-up may change a result.
HOME=$tmp/home
XDG_CONFIG_HOME=$tmp/home/.config
XDG_CACHE_HOME=$tmp/home/.cache
GIT_CONFIG_NOSYSTEM=1
LC_ALL=C
export HOME XDG_CONFIG_HOME XDG_CACHE_HOME GIT_CONFIG_NOSYSTEM LC_ALL
unset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY \
	GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES GIT_CONFIG_GLOBAL \
	NO_COLOR PLAN_LANG LC_MESSAGES LANG 2>/dev/null || true
mkdir -p "$HOME"

# With PLAN_TEST_CACHE=twice each binary runs twice on the case's result
# cache, and both runs must print the same (tests/cache_twice.sh).
if [ "${PLAN_TEST_CACHE:-}" = twice ]; then
	wrap=$source_dir/tests/cache_wrap.sh
	validate=$(sh "$wrap" "$tmp/bin" "$validate")
	link=$(sh "$wrap" "$tmp/bin" "$link")
	[ -z "$report" ] || report=$(sh "$wrap" "$tmp/bin" "$report")
fi

g() {
	git -c user.name=t -c user.email=t@t -c init.defaultBranch=main \
		-c advice.detachedHead=false -c core.autocrlf=false "$@"
}

# run STATUS COMMAND...: run it in the current directory, keeping stdout and
# stderr; fail unless it exits with STATUS.
run() {
	want=$1
	shift
	status=0
	"$@" >"$tmp/out" 2>"$tmp/err" || status=$?
	if [ "$status" != "$want" ]; then
		show
		fail "exit status $status, expected $want: $*"
	fi
}

show() {
	printf -- '--- stdout:\n' >&2
	cat "$tmp/out" >&2
	printf -- '--- stderr:\n' >&2
	cat "$tmp/err" >&2
}

out_has() {
	grep -F -e "$1" "$tmp/out" >/dev/null || { show; fail "stdout lacks '$1'"; }
}

out_lacks() {
	if grep -F -e "$1" "$tmp/out" >/dev/null; then
		show
		fail "stdout has '$1'"
	fi
}

err_has() {
	grep -F -e "$1" "$tmp/err" >/dev/null || { show; fail "stderr lacks '$1'"; }
}

err_empty() {
	[ ! -s "$tmp/err" ] || { show; fail "stderr is not empty"; }
}

# out_lines N: stdout has exactly N lines.
out_lines() {
	n=$(wc -l <"$tmp/out" | tr -d ' ')
	[ "$n" = "$1" ] || { show; fail "stdout has $n lines, expected $1"; }
}

# A repository $tmp/repo holding tests/e2e/sets/valid as plan/, committed
# once and tagged v1 (annotated) and light (lightweight).
make_repo() {
	g init -q "$tmp/repo"
	repo=$tmp/repo
	cp -R "$sets/valid" "$repo/plan"
	printf 'Plans.\n' >"$repo/README"
	g -C "$repo" add -A
	g -C "$repo" commit -q -m "Plan 2026"
	g -C "$repo" tag -a -m "Adopted" v1
	g -C "$repo" tag light
}

# The path of a loose object's file.
object_file() {
	id=$(g -C "$repo" rev-parse "$1")
	rest=${id#??}
	printf '%s/.git/objects/%s/%s\n' "$repo" "${id%"$rest"}" "$rest"
}

# Replace what a loose object file holds with `text`.
corrupt() {
	f=$(object_file "$1")
	[ -f "$f" ] || fail "no loose object for $1"
	chmod u+w "$f"
	printf '%s' "$2" >"$f"
}

# A fingerprint of the working tree and the index, to show they were not
# touched.
fingerprint() {
	(cd "$repo" && g status --porcelain=v1 --untracked-files=all && cksum .git/index &&
		find . -path ./.git -prune -o -type f -print | LC_ALL=C sort | xargs cksum)
}

# --- the cases ------------------------------------------------------------------

# A tag and HEAD read while the working tree is broken and the index holds a
# broken file: neither is read, nor changed.
case_tag_and_head() {
	make_repo
	cd "$repo"
	printf 'broken: [\n' >>plan/flerarsplan.yaml
	printf 'kind: [\n' >plan/staged.yaml
	g add plan/staged.yaml
	before=$(fingerprint)

	run 1 "$validate" plan
	out_has "flerarsplan.yaml:"
	run 0 "$validate" --rev HEAD plan
	out_has "0 errors, 0 warnings in 6 documents"
	out_lacks "staged.yaml"
	err_empty
	for rev in v1 light main "$(g rev-parse HEAD)" "$(g rev-parse --short HEAD)" "HEAD^{commit}"; do
		run 0 "$validate" --rev "$rev" plan
		out_has "0 errors, 0 warnings in 6 documents"
	done
	# The json names the commit; the working tree has no revision.
	id=$(g rev-parse HEAD)
	run 0 "$validate" --rev v1 --format json plan
	out_has "\"revision\": \"$id\""
	out_has "\"root\": \"$repo/plan\""
	run 1 "$validate" --format json plan
	out_has '"revision": null'
	after=$(fingerprint)
	[ "$before" = "$after" ] || fail "the working tree or the index changed"
	# Older revisions: a second commit, then HEAD~1 is the tag again.
	g commit -q -m "Broken"
	run 1 "$validate" --rev HEAD plan
	out_has "staged.yaml"
	run 0 "$validate" --rev HEAD~1 --format json plan
	out_has "\"revision\": \"$id\""
	# -j does not change what is read.
	run 1 "$validate" --rev HEAD -j 1 plan
	cp "$tmp/out" "$tmp/out-1"
	run 1 "$validate" --rev HEAD -j 8 plan
	cmp -s "$tmp/out" "$tmp/out-1" || fail "-j 1 and -j 8 differ"
}

# PATH below the root, a file, a directory gone from the working tree, the
# current directory; -o of a YAML file is still refused inside the plan set.
case_subdir() {
	make_repo
	cd "$repo"
	run 0 "$validate" --rev HEAD --format json plan/planer/bun
	out_has "\"root\": \"$repo/plan\""
	run 0 "$validate" --rev HEAD plan/planer/bun/verksamhetsplan.yaml
	out_has "in 6 documents"
	(cd plan/planer && run 0 "$validate" --rev HEAD) || exit 1
	rm -rf plan/planer/bun/utbk
	run 0 "$validate" --rev HEAD --format json plan/planer/bun/utbk/ekbacke
	out_has '"documents": 6,'
	out_has "\"root\": \"$repo/plan\""
	# Through a symbolic link to the repository.
	ln -s "$repo" "$tmp/link"
	run 0 "$validate" --rev HEAD "$tmp/link/plan/planer"
	# The top of the repository holds no plan set, and nothing above it.
	run 2 "$validate" --rev HEAD .
	err_has "no plan set found in revision 'HEAD'"
	err_has "no styrmodell.yaml in '/' or any directory above it"
	run 2 "$validate" --rev HEAD -o plan/out.yaml plan
	err_has "inside the plan set"
	[ ! -e plan/out.yaml ] || fail "-o wrote a YAML file into the plan set"
}

# The plan sets of tests/e2e and the examples read the same from a commit as
# from the working tree: the listing rules are the same.
case_same_as_working_tree() {
	g init -q "$tmp/repo"
	repo=$tmp/repo
	for set in valid broken ignored overrides; do
		cp -R "$sets/$set" "$repo/$set"
	done
	for set in minimal strangnas; do
		cp -R "$source_dir/examples/$set" "$repo/$set"
	done
	g -C "$repo" add -A
	g -C "$repo" commit -q -m "All sets"
	cd "$repo"
	for set in valid broken ignored overrides minimal strangnas; do
		status_dir=0
		"$validate" "$set" >"$tmp/dir.txt" 2>&1 || status_dir=$?
		status_rev=0
		"$validate" --rev HEAD "$set" >"$tmp/rev.txt" 2>&1 || status_rev=$?
		[ "$status_dir" = "$status_rev" ] ||
			fail "$set: exit status $status_dir from the working tree, $status_rev from HEAD"
		if ! diff -u "$tmp/dir.txt" "$tmp/rev.txt" >&2; then
			fail "$set: the output from HEAD differs from the working tree's"
		fi
	done
}

# plan-link reads revisions too, and its json names the commit.
case_link() {
	make_repo
	cd "$repo"
	printf 'broken: [\n' >>plan/flerarsplan.yaml
	id=$(g rev-parse HEAD)
	run 0 "$link" --rev v1 orphans --format json plan
	out_has "\"revision\": \"$id\""
	out_has "\"root\": \"$repo/plan\""
	run 0 "$link" --rev HEAD trace BUN-1 plan/
	out_has "BUN-1 -> KF-1"
	err_empty
	run 0 "$link" --rev HEAD graph --format json plan
	out_has "\"revision\": \"$id\""
	run 2 "$link" --rev nope orphans plan
	err_has "unknown revision 'nope' in repository $repo"
	run 2 "$link" --rev "" orphans plan
	err_has "--rev needs a revision"
}

# plan-report says what it was made from: a commit with its id and date, or
# the working tree, with a note when it has uncommitted changes.
case_report() {
	[ -n "$report" ] || fail "no plan-report binary given"
	make_repo
	cd "$repo"
	short=$(g rev-parse --short=7 HEAD)
	day=$(g log -1 --date=format:%Y-%m-%d --format=%ad)
	run 0 "$report" --rev v1 calendar --year 2026 plan
	out_has "Underlag: planerna i commit $short ($day)."
	run 0 "$report" calendar --year 2026 plan
	out_has "Underlag: arbetskatalogen."
	out_lacks "incheckade"
	printf '# en ändring\n' >>plan/organisation.yaml
	run 0 "$report" calendar --year 2026 plan
	out_has "Underlag: arbetskatalogen, med ändringar som ännu inte är incheckade."
	run 0 "$report" --lang en calendar --year 2026 plan
	out_has "Source: the working tree, with changes not yet committed."
	# A change outside the plan set is no change to the plans.
	g checkout -q -- plan/organisation.yaml
	printf 'more\n' >>README
	run 0 "$report" calendar --year 2026 plan
	out_lacks "incheckade"
}

# --base: old faults, faults that only moved (lines, list positions, line
# numbers inside messages), and new faults.
case_base() {
	make_repo
	cd "$repo"
	# The base: a schema fault in KF-3 and an invalid Agenda 2030 target in
	# KF-4.
	sed -e 's/title: Kommunen är en attraktiv arbetsgivare/title: 42/' \
	    -e 's/agenda2030: \["16.6"\]/agenda2030: ["16.6", "99"]/' \
	    plan/flerarsplan.yaml >"$tmp/f" && mv "$tmp/f" plan/flerarsplan.yaml
	g add -A
	g commit -q -m "Old faults"
	run 1 "$validate" plan
	out_has "error: 'goals[2].title' must be text"
	out_has "[agenda2030-invalid]"

	# The same faults, moved: KF-3 first in the list (so its index in
	# 'goals' changed too) and lines added above everything.
	{
		printf '# Flerårsplanen.\n\n'
		sed -n '1,/^goals:/p' plan/flerarsplan.yaml
		sed -n '/- id: KF-3/,/agenda2030/p' plan/flerarsplan.yaml
		sed -n '/- id: KF-1/,/- id: KF-3/p' plan/flerarsplan.yaml | sed '$d'
		sed -n '/- id: KF-4/,$p' plan/flerarsplan.yaml
	} >"$tmp/f" && mv "$tmp/f" plan/flerarsplan.yaml
	g add -A
	g commit -q -m "Moved"
	run 1 "$validate" plan
	out_has "error: 'goals[0].title' must be text"
	run 0 "$validate" --rev HEAD --base HEAD~1 plan
	out_has "0 errors, 0 warnings in 6 documents"
	out_lines 1
	err_empty

	# New faults in the working tree: a reference to no item (error) and a
	# fullmäktigemål no nämndmål contributes to (warning).
	sed 's/contributes_to: \[KF-2\]/contributes_to: [KF-9]/' plan/planer/bun/verksamhetsplan.yaml \
		>"$tmp/f" && mv "$tmp/f" plan/planer/bun/verksamhetsplan.yaml
	sed 's/^goals:$/goals:\
  - {id: KF-5, title: Ny, perspective: invanare, agenda2030: ["4"]}/' plan/flerarsplan.yaml \
		>"$tmp/f" && mv "$tmp/f" plan/flerarsplan.yaml
	for base in HEAD HEAD~1; do
		run 1 "$validate" --base "$base" plan
		out_has "[unknown-reference]"
		out_has "[kf-goal-unaddressed]"
		out_has "fullmäktigemål 'KF-5'"
		# BUN-2 no longer contributes to KF-2: a new fault too.
		out_has "fullmäktigemål 'KF-2'"
		out_has "1 error, 2 warnings in 6 documents"
		out_lines 4
		err_empty
	done
	# The exit status follows the new faults: a new warning alone is 0,
	# and 1 under --strict.
	g checkout -q -- plan/planer/bun/verksamhetsplan.yaml
	run 0 "$validate" --base HEAD plan
	out_has "0 errors, 1 warning in 6 documents"
	run 1 "$validate" --strict --base HEAD plan
	run 0 "$validate" --base HEAD --format json plan
	out_has '"errors": 0,'
	out_has '"warnings": 1,'
	out_has "\"kf-goal-unaddressed\""
	out_lacks "agenda2030-invalid"
	out_has '"revision": null'
	# With --rev the commit is compared with the base, and json names it.
	run 0 "$validate" --rev HEAD --base HEAD~1 --format json plan
	out_has "\"revision\": \"$(g rev-parse HEAD)\""
	out_has '"errors": 0,'
	out_lacks '"rule": "schema"'
	# Against the clean tag, every old fault is new again.
	run 1 "$validate" --rev HEAD --base v1 plan
	out_has "[agenda2030-invalid]"
	out_has "2 errors, 0 warnings"
	out_lines 3
	# Faults fixed since the base: nothing new.
	g checkout -q v1 -- plan
	run 0 "$validate" --base HEAD plan
	out_lines 1

	# A fault without an item id or key path (a YAML syntax error) is
	# matched by its message, whose line numbers may change.
	printf 'kind: organisation\nbodies: [\n' >plan/notes.yaml
	g add -A
	g commit -q -m "Notes"
	run 1 "$validate" plan
	out_has "notes.yaml:3:1: error: did not find expected node content (while parsing a flow node at line 3, column 1) [yaml-syntax]"
	printf '# Anteckningar.\n\nkind: organisation\nbodies: [\n' >plan/notes.yaml
	run 0 "$validate" --base HEAD plan
	out_lines 1
	# Another syntax error in the same file is new.
	printf 'kind: organisation\nbodies: "open\n' >plan/notes.yaml
	run 1 "$validate" --base HEAD plan
	out_has "notes.yaml:3:1: error: found unexpected end of stream (while scanning a quoted scalar at line 2, column 9) [yaml-syntax]"
	out_lines 2
	# A bad base.
	run 2 "$validate" --base nope plan
	err_has "--base: unknown revision 'nope' in repository $repo"
	run 2 "$validate" --base "" plan
	err_has "--base needs a revision"
}

# Every way a revision cannot be read: exit 2 and a message naming it.
# FILE... with --rev and --base: with --rev the files are read from the
# revision (a file gone from the working tree included), with --base only
# the files' new faults are reported; '-' stands for a working-tree file and
# is compared with the base as that file.
case_files() {
	make_repo
	cd "$repo"
	vp=plan/planer/bun/verksamhetsplan.yaml
	sed 's/contributes_to: \[KF-2\]/contributes_to: [KF-9]/' "$vp" >"$tmp/f" && mv "$tmp/f" "$vp"
	sed 's/title: Kommunen är en attraktiv arbetsgivare/title: 42/' plan/flerarsplan.yaml \
		>"$tmp/f" && mv "$tmp/f" plan/flerarsplan.yaml
	run 1 "$validate" "$vp"
	out_has "[unknown-reference]"
	out_lacks "flerarsplan.yaml"
	run 0 "$validate" --rev HEAD "$vp"
	out_has "0 errors, 0 warnings in 6 documents"
	g commit -q -a -m "Faults"
	# Gone from the working tree, still in the revision.
	rm "$vp"
	run 1 "$validate" --rev HEAD "$vp"
	out_has "planer/bun/verksamhetsplan.yaml"
	out_has "[unknown-reference]"
	out_lacks "flerarsplan.yaml"
	run 2 "$validate" "$vp"
	err_has "cannot open"
	g checkout -q -- "$vp"
	# --base: the old fault is not new; a new one in the file is, and one
	# in another file is not reported.
	sed 's/contributes_to: \[KF-3\]/contributes_to: [KF-8]/' "$vp" >"$tmp/f" && mv "$tmp/f" "$vp"
	run 1 "$validate" --base HEAD "$vp" plan/organisation.yaml
	out_has "KF-8"
	out_lacks "KF-9"
	out_lines 2
	run 0 "$validate" --base HEAD plan/flerarsplan.yaml
	# '-' against the base: the text on stdin, not the file on disk.
	g checkout -q -- "$vp"
	sed 's/contributes_to: \[KF-4\]/contributes_to: [KF-7]/' "$vp" >"$tmp/stdin"
	run 1 sh -c '"$1" --base HEAD --stdin-filename "$2" - <"$3"' sh "$validate" "$vp" "$tmp/stdin"
	out_has "KF-7"
	out_lacks "KF-9"
	run 0 sh -c '"$1" --base HEAD --stdin-filename "$2" - <"$2"' sh "$validate" "$vp"
	run 2 "$validate" --rev HEAD --stdin-filename "$vp" -
	err_has "'-' with --rev"
}

case_errors() {
	make_repo
	cd "$repo"
	run 2 "$validate" --rev nope plan
	err_has "plan-validate: unknown revision 'nope' in repository $repo"
	run 2 "$validate" --rev 'HEAD~5' plan
	err_has "unknown revision 'HEAD~5'"
	run 2 "$validate" --rev 'HEAD:plan/styrmodell.yaml' plan
	err_has "names a blob, not a commit"
	run 2 "$validate" --rev 'HEAD^{tree}' plan
	err_has "names a tree, not a commit"
	run 2 "$validate" --rev "" plan
	err_has "--rev needs a revision"
	run 2 "$validate" --rev HEAD "$repo/plan/../../no-such-dir/../x"
	err_has "cannot open"
	# A revision without the plan set.
	tree=$(printf '100644 blob %s\tREADME\n' "$(g rev-parse HEAD:README)" | g mktree)
	g branch other "$(g commit-tree -m "No plans" "$tree")"
	run 2 "$validate" --rev other plan
	err_has "no plan set found in revision 'other' (commit "
	err_has "no styrmodell.yaml in 'plan' or any directory above it"
	# Outside any repository.
	mkdir "$tmp/plain"
	cp -R "$sets/valid" "$tmp/plain/plan"
	run 0 "$validate" "$tmp/plain/plan"
	run 2 "$validate" --rev HEAD "$tmp/plain/plan"
	err_has "'$tmp/plain/plan' is not in a git repository"
	run 2 "$link" --rev HEAD orphans "$tmp/plain/plan"
	err_has "is not in a git repository"
}

# A shallow clone has HEAD but not its parent.
case_shallow() {
	make_repo
	printf '# 2027\n' >>"$repo/plan/flerarsplan.yaml"
	g -C "$repo" commit -q -a -m "2027"
	g clone -q --depth 1 "file://$repo" "$tmp/shallow"
	cd "$tmp/shallow"
	[ -f .git/shallow ] || fail "git did not make a shallow clone"
	run 0 "$validate" --rev HEAD plan
	run 2 "$validate" --rev HEAD~1 plan
	err_has "unknown revision 'HEAD~1' in repository $tmp/shallow: it is a shallow clone"
	err_has "fetch-depth: 0"
	run 2 "$validate" --base HEAD~1 plan
	err_has "shallow clone"
}

# Corrupt objects: a blob is an io diagnostic, a commit or tree an error;
# both exit 2.
case_corrupt() {
	make_repo
	cd "$repo"
	corrupt HEAD:plan/flerarsplan.yaml "not a zlib stream"
	run 2 "$validate" --rev HEAD plan
	out_has "flerarsplan.yaml: error: cannot read from revision $(g rev-parse HEAD):"
	out_has "[io]"
	# A valid zlib stream of the wrong content is caught by its hash.
	make_repo_again
	cd "$repo"
	blob=$(printf 'kind: flerarsplan\n' | g hash-object --stdin)
	printf 'kind: flerarsplan\n' | g hash-object -w --stdin >/dev/null
	f=$(object_file HEAD:plan/flerarsplan.yaml)
	chmod u+w "$f"
	cp "$(object_file "$blob")" "$f"
	run 2 "$validate" --rev HEAD plan
	out_has "flerarsplan.yaml: error: cannot read from revision"
	# The plan set's tree, then the commit itself.
	corrupt HEAD:plan/planer "garbage"
	run 2 "$validate" --rev HEAD plan
	out_has "planer: error: cannot read directory from revision"
	corrupt HEAD "garbage"
	run 2 "$validate" --rev HEAD plan
	err_has "cannot read revision 'HEAD' in repository $repo"
	run 2 "$validate" --base HEAD plan
	err_has "--base: cannot read revision 'HEAD'"
}

make_repo_again() {
	chmod -R u+w "$tmp/repo"
	rm -rf "$tmp/repo"
	make_repo
}

# Symbolic links and submodules in a revision are reported, never followed.
case_links() {
	make_repo
	cd "$repo"
	ln -s flerarsplan.yaml plan/link.yaml
	ln -s planer plan/dirlink
	ln -s ../README plan/readme
	ln -s /etc plan/etc
	ln -s nowhere plan/dangling
	g add -A
	g update-index --add --cacheinfo "160000,$(g rev-parse HEAD),plan/sub"
	g commit -q -m "Links"
	run 2 "$validate" --rev HEAD plan
	out_has "dirlink: error: skipped: a symbolic link in the revision (links are not followed there) [io]"
	out_has "link.yaml: error: skipped: a symbolic link in the revision"
	out_has "sub: error: skipped: a submodule"
	out_lacks "readme"
	out_lacks "etc:"
	out_lacks "dangling"
	out_lines 4
	# An ignored link or submodule is not reported.
	printf 'ignore: ["link.yaml", "dirlink/", "sub/"]\n' >>plan/styrmodell.yaml
	g commit -q -a -m "Ignored"
	run 0 "$validate" --rev HEAD plan
	out_has "0 errors, 0 warnings in 6 documents"
	# styrmodell.yaml itself as a link: no plan set in the revision.
	mv plan/styrmodell.yaml plan/styrmodell-real.yaml
	ln -s styrmodell-real.yaml plan/styrmodell.yaml
	g add -A
	g commit -q -m "Linked styrmodell"
	run 2 "$validate" --rev HEAD plan
	err_has "no plan set found in revision 'HEAD'"
}

# Reading a revision runs nothing the repository configures: no filters, no
# hooks; the blob's own bytes are read.
case_no_side_effects() {
	make_repo
	cd "$repo"
	marker=$tmp/ran
	printf '*.yaml filter=evil\n' >plan/.gitattributes
	g add plan/.gitattributes
	g commit -q -m "Attributes"
	g config filter.evil.smudge "sh -c 'touch $marker; cat'"
	g config filter.evil.clean "sh -c 'touch $marker; cat'"
	g config filter.evil.process "sh -c 'touch $marker'"
	g config core.fsmonitor "sh -c 'touch $marker'"
	for hook in post-checkout pre-commit post-index-change reference-transaction; do
		printf '#!/bin/sh\ntouch %s\n' "$marker" >".git/hooks/$hook"
		chmod +x ".git/hooks/$hook"
	done
	run 0 "$validate" --rev HEAD plan
	run 0 "$link" --rev HEAD orphans plan
	run 0 "$validate" --base HEAD plan
	[ ! -e "$marker" ] || fail "a filter, hook or fsmonitor ran"
}

# A repository owned by another user: libgit2's safe.directory check.
case_owner() {
	[ "$(id -u)" = 0 ] || { echo "cases.sh owner: skipped: needs root to chown"; exit 77; }
	id nobody >/dev/null 2>&1 || { echo "cases.sh owner: skipped: no user nobody"; exit 77; }
	make_repo
	chown -R nobody "$repo"
	cd "$repo"
	run 2 "$validate" --rev HEAD plan
	err_has "is owned by another user"
	err_has "safe.directory"
	git config --global --add safe.directory "$repo"
	run 0 "$validate" --rev HEAD plan
}

# --- diff and suspect -------------------------------------------------------------

# commit_at DATE MESSAGE: commit everything in $repo with DATE (YYYY-MM-DD,
# 10:00 +01:00) as the author's and the committer's date, so that dates in
# the output are known.
commit_at() {
	g -C "$repo" add -A
	GIT_AUTHOR_DATE="$1T10:00:00+01:00" GIT_COMMITTER_DATE="$1T10:00:00+01:00" \
		g -C "$repo" commit -q -m "$2"
}

# make_repo with a known date: tests/e2e/sets/valid as plan/, committed on
# 2026-01-10 and tagged v1.
make_dated_repo() {
	g init -q "$tmp/repo"
	repo=$tmp/repo
	cp -R "$sets/valid" "$repo/plan"
	commit_at 2026-01-10 "Plan 2026"
	g -C "$repo" tag v1
}

# edit FILE SED-SCRIPT: edit a file of the repository in place.
edit() {
	sed -e "$2" "$repo/$1" >"$tmp/edit" || fail "sed failed on $1"
	cmp -s "$tmp/edit" "$repo/$1" && fail "'$2' changed nothing in $1"
	cat "$tmp/edit" >"$repo/$1"
}

# remember NAME REV: in expected output, the commit REV is written <NAME>.
commit_names=""
remember() {
	commit_names="$commit_names $1=$(g -C "$repo" rev-parse "$2")"
}

# out_is FILE: stdout, with commit ids (full and abbreviated) replaced by
# their names and the repository's path by REPO, equals tests/git/expected/FILE
# (with PLAN_GIT_BLESS=1 in the environment, it becomes that file instead).
out_is() {
	cp "$tmp/out" "$tmp/norm"
	for pair in $commit_names; do
		id=${pair#*=}
		short=$(printf '%s' "$id" | cut -c1-7)
		sed -e "s/$id/<${pair%%=*}>/g" -e "s/$short/<${pair%%=*}>/g" "$tmp/norm" >"$tmp/norm2"
		mv "$tmp/norm2" "$tmp/norm"
	done
	sed "s|$repo|REPO|g" "$tmp/norm" >"$tmp/norm2"
	if [ "${PLAN_GIT_BLESS:-}" = 1 ]; then
		cp "$tmp/norm2" "$source_dir/tests/git/expected/$1"
	elif ! diff -u "$source_dir/tests/git/expected/$1" "$tmp/norm2" >&2; then
		fail "stdout differs from tests/git/expected/$1"
	fi
}

# plan-link diff: a fullmäktigemål reworded and one added, an activity's
# date moved, one removed and one relinked, a nämndmål's new link, a plan's
# adoption changed and a follow-up added; in every format and every way of
# naming the two revisions.
case_diff() {
	make_dated_repo
	cd "$repo"
	edit plan/flerarsplan.yaml 's/title: Alla barn och unga lyckas i skolan/title: Alla barn och unga ska lyckas i skolan/
s/adopted: {date: 2025-11-24, by: kf, reference: "KF § 150"}/adopted: {date: 2025-11-26, by: kf, reference: "KF § 152"}/
s/^assignments:$/  - {id: KF-5, title: Kommunen är trygg, perspective: samhalle, agenda2030: ["16"]}\
assignments:/'
	edit plan/planer/bun/verksamhetsplan.yaml 's/contributes_to: \[KF-2\]/contributes_to: [KF-2, KF-5]/'
	edit plan/planer/bun/utbk/ekbacke/arbetsplan.yaml 's/due: 2026-10-30/due: 2026-11-30/
s/contributes_to: \[UTBK-3\]/contributes_to: [UTBK-1]/
/- id: EKB-A5/,/due: 2027-06-30/d'
	mkdir -p plan/uppfoljning
	printf 'kind: uppfoljning\nid: DR1-2026-BUN\nowner: bun\nyear: 2026\nperiod: dr1\nas_of: 2026-04-30\ngoals:\n  - {goal: BUN-1, status: pagaende, forecast: uppfylld}\n' \
		>plan/uppfoljning/dr1.yaml
	remember v1 v1

	# The working tree against the tag.
	run 0 "$link" diff v1 plan
	out_is diff.txt
	err_empty
	run 0 "$link" diff v1 --format json plan
	out_is diff.json
	run 0 "$link" diff v1 --format md plan
	out_is diff.md
	# Committed: the same between two revisions, however they are named.
	commit_at 2026-03-01 "Plan 2027"
	remember c1 HEAD
	for args in "v1 HEAD plan" "v1 HEAD --root plan" "--rev HEAD v1 plan" "v1 HEAD plan/planer"; do
		# shellcheck disable=SC2086
		run 0 "$link" diff $args
		out_is diff-commits.txt
	done
	run 0 "$link" diff v1 main plan
	out_has "Changes from v1 (commit $(g rev-parse --short=7 v1)) to main (commit $(g rev-parse --short=7 HEAD)):"
	run 0 "$link" diff v1 HEAD --format json plan
	out_has "\"revision\": \"$(g rev-parse HEAD)\""
	out_has "\"new\": {\"rev\": \"HEAD\", \"commit\": \"$(g rev-parse HEAD)\"}"
	# From inside the plan set, with the plan set named by the directory.
	(cd plan/planer && run 0 "$link" diff v1) || exit 1
	# No changes: exit 0 all the same.
	run 0 "$link" diff HEAD plan
	out_has "no changes"
	out_lines 2
	run 0 "$link" diff HEAD --format md plan
	out_has ": no changes."
	# Backwards: what was added is removed.
	run 0 "$link" diff HEAD v1 plan
	out_has "items removed:"
	out_has "  KF-5  fullmäktigemål  Kommunen är trygg  (flerarsplan.yaml:"
	out_has "1 item added, 1 removed, 4 changed; 2 links added, 2 removed; 0 documents added, 1 removed, 1 changed"
	# -o writes the result.
	run 0 "$link" diff v1 HEAD --format md -o "$tmp/papers.md" plan
	out_lines 0
	grep -F "| Added | KF-5 | Fullmäktigemål | Kommunen är trygg |  |" "$tmp/papers.md" >/dev/null ||
		fail "-o did not write the table"
	# A file cut short by a syntax error: the comparison says so.
	printf 'broken: [\n' >>plan/planer/bun/verksamhetsplan.yaml
	run 0 "$link" diff HEAD plan
	err_has "planer/bun/verksamhetsplan.yaml in the working tree could not be read in full"
	out_has "items removed:"
}

# plan-link suspect after a fullmäktigemål changed: the suspicion flows down
# through the unchanged nämndmål and kontorsplan goals to the activities;
# a change merged from a branch is the branch's commit, a change in the
# working tree is not committed; reviewing ends it.
case_suspect() {
	make_dated_repo
	cd "$repo"
	remember v1 v1
	edit plan/flerarsplan.yaml 's/title: Alla barn och unga lyckas i skolan/title: Alla barn och unga ska lyckas i skolan/'
	commit_at 2026-03-01 "Ny formulering av KF-1"
	remember c1 HEAD
	# A new date is no new meaning.
	edit plan/planer/bun/utbk/ekbacke/arbetsplan.yaml 's/due: 2026-10-30/due: 2026-11-30/'
	commit_at 2026-03-05 "Senare kartläggning"
	# A kontorsplan goal reworded on a branch, merged after other work.
	g checkout -q -b kontor
	edit plan/planer/bun/utbk/kontorsplan.yaml 's/title: Mindre mat slängs/title: Mindre mat slängs i skolköken/'
	commit_at 2026-03-10 "Nytt kontorsmål om matsvinn"
	remember c2 HEAD
	g checkout -q main
	edit plan/planer/bun/utbk/ekbacke/arbetsplan.yaml 's/responsible: Kökschef/responsible: Köksansvarig/'
	commit_at 2026-03-11 "Ny ansvarig"
	GIT_AUTHOR_DATE="2026-03-12T10:00:00+01:00" GIT_COMMITTER_DATE="2026-03-12T10:00:00+01:00" \
		g merge -q --no-ff -m "Merge kontor" kontor
	# A nämndmål reworded in the working tree.
	edit plan/planer/bun/verksamhetsplan.yaml 's/title: Verksamheten ryms i ramen/title: Verksamheten håller sin budget/'

	run 1 "$link" suspect --since v1 plan
	out_is suspect.txt
	err_has "plan-link: 10 suspect links: review each linking item"
	# The advice fits what the baseline is: a tag is moved.
	err_has "move the tag 'v1' past the change (git tag -f v1)"
	run 1 "$link" suspect --since v1 --format json plan
	out_is suspect.json
	# Revisions only: the working tree's change is not there.
	run 1 "$link" suspect --since v1 --rev HEAD plan
	out_lacks "BUN-4"
	out_lines 7
	run 1 "$link" --rev HEAD suspect --format json --since v1 plan
	out_has "\"revision\": \"$(g rev-parse HEAD)\""
	# Updating the lower item: UTBK-4 reworded too, so its link up is
	# reviewed, and the activity below it is suspect because of it.
	edit plan/planer/bun/utbk/kontorsplan.yaml 's/title: Enheterna följer upp sin ekonomi varje månad/title: Enheterna följer upp sin budget varje månad/'
	run 1 "$link" suspect --since v1 plan
	if grep -q '^UTBK-4 -> BUN-4' "$tmp/out"; then
		show
		fail "UTBK-4 changed, yet its link up is suspect"
	fi
	out_has "NT-UTBK-4 -> BUN-4  (BUN-4 changed in the working tree, not committed)"
	out_has "EKB-A5 -> UTBK-4  (UTBK-4 changed in the working tree, not committed)"
	# Moving the baseline past the committed changes ends their review.
	g tag -f v1 HEAD >/dev/null
	run 0 "$link" suspect --since v1 --rev HEAD plan
	out_lines 0
	err_empty
	run 1 "$link" suspect --since v1 plan
	out_lines 2
	# When no commit between them made the change (here the baseline is a
	# later commit that put the old title back), none is named.
	g checkout -q -b back
	edit plan/flerarsplan.yaml 's/title: Alla barn och unga ska lyckas i skolan/title: Alla barn och unga lyckas i skolan/'
	g add plan/flerarsplan.yaml
	g commit -q -m "Tillbaka"
	run 1 "$link" suspect --since back --rev main plan
	out_has "BUN-1 -> KF-1  (KF-1 changed since back)"
	out_lines 6
	# A branch moves when the change reaches it; a commit is replaced.
	err_has "the review ends when the change reaches the branch 'back'"
	run 1 "$link" suspect --since "$(g rev-parse back)" --rev main plan
	err_has "give --since a commit that has the change"
}

# plan-link suspect when only an activity (or what is not meaning) changed:
# nothing is suspect.
case_suspect_none() {
	make_dated_repo
	cd "$repo"
	edit plan/planer/bun/utbk/ekbacke/arbetsplan.yaml 's/title: Kartlägga läsförmågan i årskurs 1–3/title: Kartlägga läsförmågan i årskurs 1–4/'
	edit plan/planer/bun/utbk/kontorsplan.yaml 's/targets: {2026: 76, 2027: 78, 2028: 80}/targets: {2026: 77, 2027: 79, 2028: 81}/'
	commit_at 2026-03-01 "Fler årskurser"
	run 0 "$link" suspect --since v1 plan
	out_lines 0
	err_empty
	run 0 "$link" suspect --since v1 --format json plan
	out_has '"suspect_links": 0,'
	out_has '"suspects": []'
	out_has '"id": "EKB-A1"'
	out_has '"subject": "Fler årskurser"'
	out_lacks "NT-UTBK-1"
	run 0 "$link" diff v1 plan
	out_has "targets.2026: 76 -> 77"
}

# Every way diff and suspect can be asked wrongly, or read nothing: exit 2.
case_diff_errors() {
	make_dated_repo
	cd "$repo"
	run 2 "$link" diff nope plan
	err_has "plan-link: OLD: unknown revision 'nope' in repository $repo"
	run 2 "$link" diff v1 nope plan
	err_has "unknown revision 'nope' in repository $repo"
	run 2 "$link" diff 'HEAD^{tree}' plan
	err_has "names a tree, not a commit"
	run 2 "$link" diff v1 HEAD plan extra
	err_has "too many arguments: 'extra'"
	run 2 "$link" diff --rev HEAD v1 HEAD plan
	err_has "either as an argument or with --rev, not both"
	run 2 "$link" diff
	err_has "diff needs the revision OLD"
	run 2 "$link" diff "" plan
	err_has "a revision cannot be ''"
	run 2 "$link" diff v1 --format csv plan
	err_has "expected text, json or md"
	run 2 "$link" diff --since v1 v1 plan
	err_has "--since is an option of 'suspect'"
	run 2 "$link" suspect plan
	err_has "suspect needs --since REV"
	run 2 "$link" suspect --since nope plan
	err_has "plan-link: --since: unknown revision 'nope' in repository $repo"
	run 2 "$link" suspect --since "" plan
	err_has "--since needs a revision"
	run 2 "$link" suspect --since v1 --format md plan
	err_has "expected text or json"
	run 2 "$link" suspect --since v1 plan other
	err_has "too many paths"
	mkdir "$tmp/plain"
	cp -R "$sets/valid" "$tmp/plain/plan"
	run 2 "$link" diff HEAD "$tmp/plain/plan"
	err_has "is not in a git repository"
	run 2 "$link" suspect --since HEAD "$tmp/plain/plan"
	err_has "is not in a git repository"
	# The revision without the plan set.
	tree=$(printf '100644 blob %s\tREADME\n' "$(printf 'x\n' | g hash-object -w --stdin)" | g mktree)
	g branch other "$(g commit-tree -m "No plans" "$tree")"
	run 2 "$link" diff other plan
	err_has "no plan set found in revision 'other'"
	run 2 "$link" suspect --since other plan
	err_has "--since: no plan set found in revision 'other'"
	# Help for both.
	run 0 "$link" diff --help
	out_has "Usage: plan-link diff"
	run 0 "$link" suspect --help
	out_has "Usage: plan-link suspect --since REV"
}

case "$name" in
tag-and-head) case_tag_and_head ;;
subdir) case_subdir ;;
same-as-working-tree) case_same_as_working_tree ;;
link) case_link ;;
report) case_report ;;
base) case_base ;;
errors) case_errors ;;
shallow) case_shallow ;;
corrupt) case_corrupt ;;
links) case_links ;;
no-side-effects) case_no_side_effects ;;
owner) case_owner ;;
diff) case_diff ;;
suspect) case_suspect ;;
suspect-none) case_suspect_none ;;
diff-errors) case_diff_errors ;;
files) case_files ;;
*) fail "unknown case '$name'" ;;
esac
exit 0
