#!/bin/sh
# files-stdin.sh: plan-validate - --stdin-filename NAME, as an editor or
# lint-staged runs it: standard input stands for NAME (replacing the file,
# or added to the set), the whole set is checked, diagnostics name NAME, and
# the file on disk is neither read nor changed.
#
# Usage: files-stdin.sh PLAN_VALIDATE PLAN_SET (a clean one)
set -eu
[ "$#" -eq 2 ] || { echo "usage: $0 PLAN_VALIDATE PLAN_SET" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "files-stdin.sh: FAIL: $*" >&2; cat "$work/out" "$work/err" >&2 2>/dev/null || true; exit 1; }
cp -R "$2" "$work/set"
cd "$work/set"
unset NO_COLOR PLAN_LANG LC_ALL LC_MESSAGES LANG 2>/dev/null || true
ap=planer/bun/utbk/ekbacke/arbetsplan.yaml
before=$(cksum <"$ap")

# Replacing: a fault in the text on stdin, none on disk.
status=0
sed 's/responsible: Specialpedagog/responsible:/' "$ap" |
	"$1" --stdin-filename "$ap" - >"$work/out" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "replacing: exit $status, not 1"
grep -F "$ap:12:5: error: activity 'EKB-A2' has no 'responsible'" "$work/out" >/dev/null ||
	fail "replacing: the fault is not reported at NAME"
[ "$(wc -l <"$work/out")" -eq 2 ] || fail "replacing: more than the fault and the summary"
[ ! -s "$work/err" ] || fail "replacing: stderr is not empty"
[ "$(cksum <"$ap")" = "$before" ] || fail "the file on disk changed"

# The clean text on stdin: clean, though another file of the set is broken
# (only NAME is reported), and the checks across documents still see
# stdin's items (its activities trace).
printf 'kind: nonsense\n' >planer/trasig.yaml
status=0
"$1" --stdin-filename "$ap" - <"$ap" >"$work/out" 2>"$work/err" || status=$?
[ "$status" -eq 0 ] || fail "clean stdin: exit $status, not 0"
grep -F "0 errors, 0 warnings in 7 documents" "$work/out" >/dev/null || fail "clean stdin: summary"
rm planer/trasig.yaml

# Added: a new file, from a subdirectory (NAME is relative to the current
# directory, as the other FILE arguments are); its link to an item of the
# set is checked against the whole set.
cd planer/bun
status=0
printf 'kind: arbetsplan\nid: AP-NY\nowner: ekbacke\nschool_year: "2026/27"\nactivities:\n  - {id: NY-1, title: Ny, contributes_to: [UTBK-99], responsible: Rektor, due: 2027-05-01}\nkpis: [NT-UTBK-1]\n' |
	"$1" --stdin-filename utbk/ekbacke/ny.yaml - --format json >"$work/out" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "adding: exit $status, not 1"
grep -F '"file": "planer/bun/utbk/ekbacke/ny.yaml", "line": 6' "$work/out" >/dev/null ||
	fail "adding: no diagnostic at the added file"
grep -F '"rule": "unknown-reference"' "$work/out" >/dev/null || fail "adding: the link was not checked"
[ ! -e utbk/ekbacke/ny.yaml ] || fail "adding wrote the file"
# With the set's other files named too.
status=0
printf 'kind: nonsense\n' | "$1" --stdin-filename utbk/ekbacke/ny.yaml - verksamhetsplan.yaml \
	>"$work/out" 2>"$work/err" || status=$?
[ "$status" -eq 1 ] || fail "adding with a FILE: exit $status, not 1"
grep -F "planer/bun/utbk/ekbacke/ny.yaml:1:7: error: unknown kind 'nonsense'" "$work/out" >/dev/null ||
	fail "adding with a FILE: the fault is not reported"
echo "files-stdin.sh: ok"
