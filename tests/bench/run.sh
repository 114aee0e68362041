#!/bin/sh
# run.sh: the performance benchmark (issues 8 and 16) in one command: builds
# the toolkit for Release, generates synthetic plan sets in both shapes, times
# every tool side by side against libyaml's own parse time and prints each
# target as PASS, FAIL or SKIPPED, per shape.
#
# Usage: sh tests/bench/run.sh [BUILD_DIR]
#
# BUILD_DIR (default: build-bench in the source tree) is configured here as a
# Release build without sanitizers, whatever it held before, so give it a
# directory of its own. Settings, from the environment:
#
#   BENCH_SIZE="40 5 50 8"  the plan set: bodies offices units activities
#   BENCH_SMALL="4 5 50 8"  a tenth of it, for the ten-times step
#   BENCH_TOWN="6 4 13 8"   a municipality of about 350 documents
#   BENCH_SHAPES="prose compact"  the shapes (plan-bench-gen --shape): prose,
#                           block mappings and folded descriptions; compact,
#                           flow collections and short quoted texts
#   BENCH_RUNS=5            rounds; each runs every command once, and the
#                           fastest and the median round are printed
#   BENCH_SEED=1            the generator's seed
#   BENCH_PEERS=1           0: skip @sourcemeta/jsonschema and ajv-cli (they
#                           run on the first shape's arbetsplaner)
#   BENCH_NPM_DIR=DIR       install the peers there once and reuse them
#   BENCH_NATIONAL=0        1: also the national scale, ten times the plan set
#                           (BENCH_NATIONAL_SIZE="400 5 50 8", about 100,000
#                           documents; slow, and 0.7 GB of files)
#   BENCH_CALLGRIND=0       1: also count instructions of plan-bench-floor -j1
#                           and plan-validate -j1 under valgrind's callgrind,
#                           on each shape's plan set (slow; needs valgrind)
#   BENCH_KEEP=1            keep the temporary directory (its path is printed)
#
# The cache targets run only when plan-validate has --cache; until then they
# print SKIPPED. Every other measurement passes --no-cache where a binary has
# it, and XDG_CACHE_HOME points into the temporary directory, so the user's
# cache is never read or written.
#
# Exit status: 0 when every target passes, 1 when one fails, 2 when the
# benchmark itself could not run.
set -eu

src=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
build=${1:-$src/build-bench}
runs=${BENCH_RUNS:-5}
size=${BENCH_SIZE:-40 5 50 8}
small=${BENCH_SMALL:-4 5 50 8}
town=${BENCH_TOWN:-6 4 13 8}
shapes=${BENCH_SHAPES:-prose compact}
seed=${BENCH_SEED:-1}
peers=${BENCH_PEERS:-1}
national=${BENCH_NATIONAL:-0}
national_size=${BENCH_NATIONAL_SIZE:-400 5 50 8}
callgrind=${BENCH_CALLGRIND:-0}
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

die() {
	echo "plan-bench: $*" >&2
	exit 2
}

for shape in $shapes; do
	case $shape in
	prose | compact) ;;
	*) die "unknown shape '$shape' in BENCH_SHAPES (prose, compact)" ;;
	esac
done

# The machine first: the figures mean little without it.
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
[ -n "$cpu" ] || cpu=$(uname -m)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576; exit }' /proc/meminfo 2>/dev/null || true)
echo "plan-bench: CPU: $cpu"
echo "plan-bench: processors: $ncpu${mem:+; memory: $mem}; $(uname -sm); $(date -u '+%Y-%m-%d %H:%M UTC')"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-bench.XXXXXX") || die "cannot create a temporary directory"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "plan-bench: keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 2' INT TERM
fi
# A cache, once the tools have one, lives here and not in the user's.
XDG_CACHE_HOME=$tmp/xdg-cache
export XDG_CACHE_HOME

# --- build ------------------------------------------------------------------

echo "plan-bench: building plan-tools (Release, no sanitizers) in $build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPLAN_SANITIZE=OFF \
	>"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; die "cmake failed"; }
cmake --build "$build" --target bench -j "$ncpu" >>"$tmp/build.log" 2>&1 ||
	{ tail -n 30 "$tmp/build.log" >&2; die "the build failed"; }

gen=$build/tests/bench/plan-bench-gen
floor=$build/tests/bench/plan-bench-floor
run=$build/tests/bench/plan-bench-run
pv=$build/cmd/plan-validate
pl=$build/cmd/plan-link
pr=$build/cmd/plan-report

# --- helpers ----------------------------------------------------------------

# calc EXPR [-v VAR=VALUE...]: awk arithmetic, printed with two decimals.
calc() {
	expr=$1
	shift
	awk "$@" "BEGIN { printf \"%.2f\", $expr }"
}

# ratio A B: A / B with two decimals, empty when either is missing.
ratio() {
	if [ -z "$1" ] || [ -z "$2" ]; then
		echo ""
	else
		calc 'a / b' -v a="$1" -v b="$2"
	fi
}

# per_byte KIB BYTES: peak memory in KiB over a size in bytes, empty when missing.
per_byte() {
	if [ -z "$1" ] || [ -z "$2" ]; then
		echo ""
	else
		calc 'k * 1024 / b' -v k="$1" -v b="$2"
	fi
}

# gen KEY SHAPE "B O U A" [--faults]: generate a plan set of SHAPE into
# $tmp/KEY; sets KEY_dir, KEY_docs and KEY_bytes (the bytes of its .yaml
# files: its size on disk, without the file system's blocks).
gen() {
	key=$1 gshape=$2
	set -- $3 ${4:-}
	"$gen" --shape "$gshape" --bodies "$1" --offices "$2" --units "$3" --activities "$4" \
		--seed "$seed" ${5:-} "$tmp/$key" >"$tmp/$key.gen" || die "plan-bench-gen failed"
	eval "${key}_dir=\$tmp/\$key"
	eval "$(awk -v k="$key" '{ print k "_docs=" $1; print k "_bytes=" $5 }' "$tmp/$key.gen")"
}

printf_row() {
	printf '  %-56s %9s %9s %9s\n' "$@"
}

# The measurements run in rounds: each round runs every command once, so
# that a burst of other work on the machine hits all of them alike and the
# ratios hold.
#
# measure KEY LABEL [plan-bench-run options] -- COMMAND...: in a round
# ($mode = run), run COMMAND once and keep its time and peak memory; when
# printing ($mode = print), set KEY_min and KEY_median (seconds over the
# rounds) and KEY_rss_kb (the largest), and print a row. A command that fails
# once is reported and leaves KEY_min empty.
measure() {
	key=$1 label=$2
	shift 2
	if [ "$mode" = run ]; then
		[ -e "$tmp/$key.failed" ] && return 0
		if line=$("$run" -n 1 -e "$tmp/stderr" "$@" 2>"$tmp/run.err"); then
			echo "$line" >>"$tmp/$key.times"
		else
			cat "$tmp/run.err" "$tmp/stderr" >"$tmp/$key.failed"
		fi
		return 0
	fi
	if [ -e "$tmp/$key.failed" ]; then
		eval "${key}_min="
		printf_row "$label" failed - -
		sed -n 's/^/      /; 1,5p' "$tmp/$key.failed"
		return 0
	fi
	eval "$(tr ' =' '\n ' <"$tmp/$key.times" | awk -v k="$key" '
		$1 == "min" { t[n++] = $2 + 0 }
		$1 == "rss_kb" && $2 + 0 > rss { rss = $2 + 0 }
		END {
			for (i = 1; i < n; i++)
				for (j = i; j > 0 && t[j - 1] > t[j]; j--) { x = t[j]; t[j] = t[j - 1]; t[j - 1] = x }
			printf "%s_min=%.4f %s_median=%.4f %s_rss_kb=%d\n", k, t[0], k,
				n % 2 ? t[int(n / 2)] : (t[n / 2 - 1] + t[n / 2]) / 2, k, rss
		}')"
	eval "min=\${${key}_min} median=\${${key}_median} rss=\${${key}_rss_kb}"
	printf_row "$label" "$min" "$median" "$(calc 'r / 1024' -v r="$rss")"
}

# section TEXT: a heading or a note among the rows, when printing.
section() {
	if [ "$mode" = print ]; then
		echo "  $*"
	fi
}

failed=0
passed=0
skipped=0
# target LABEL VALUE LIMIT [lt]: PASS when VALUE <= LIMIT (< with lt);
# SKIPPED when there is no VALUE (a command that failed says so above).
target() {
	if [ -z "$2" ]; then
		skip "$1" "not measured"
		return
	fi
	ok=$(awk -v v="$2" -v l="$3" -v lt="${4:-}" 'BEGIN { print (lt ? v < l : v <= l) ? 1 : 0 }')
	if [ "$ok" = 1 ]; then
		verdict=PASS
		passed=$((passed + 1))
	else
		verdict=FAIL
		failed=$((failed + 1))
	fi
	cmp="<="
	[ -z "${4:-}" ] || cmp="<"
	printf '  %-7s %-62s %8s  (target %s %s)\n' "$verdict" "$1" "$2" "$cmp" "$3"
}

# skip LABEL REASON: a target that cannot be measured here.
skip() {
	skipped=$((skipped + 1))
	printf '  %-7s %-62s (%s)\n' SKIPPED "$1" "$2"
}

# no_cache BINARY: --no-cache when BINARY has it, so that every measurement
# but the cache's own is a full run.
no_cache() {
	if "$1" --help 2>/dev/null | grep -q -- '--no-cache'; then
		echo --no-cache
	fi
}

# --- the plan sets -------------------------------------------------------------

echo "plan-bench: $runs rounds of every command; ratios use the fastest round"
# How busy the processors were over one second, from /proc/stat where there is one.
busy=$( (head -n 1 /proc/stat && sleep 1 && head -n 1 /proc/stat) 2>/dev/null | awk '
	{ idle = $5 + $6; total = 0; for (i = 2; i <= NF; i++) total += $i }
	NR == 1 { idle0 = idle; total0 = total }
	NR == 2 && total > total0 { printf "%d", 100 * (1 - (idle - idle0) / (total - total0)) }')
if [ -n "$busy" ]; then
	echo "plan-bench: other work kept the processors $busy% busy in the second before the start"
	[ "$busy" -lt 10 ] || echo "plan-bench: note: a busy machine makes the times high and noisy"
fi

# Each shape's sets are named after it: prose_big, compact_tenth, ...
for shape in $shapes; do
	gen "${shape}_big" "$shape" "$size"
	gen "${shape}_tenth" "$shape" "$small"
	gen "${shape}_town" "$shape" "$town"
	gen "${shape}_bigf" "$shape" "$size" --faults
	gen "${shape}_tenthf" "$shape" "$small" --faults
	keys="big tenth town"
	if [ "$national" = 1 ]; then
		gen "${shape}_nat" "$shape" "$national_size"
		keys="$keys nat"
	fi
	eval "dir=\$${shape}_big_dir docs=\$${shape}_big_docs bytes=\$${shape}_big_bytes"
	eval "tdocs=\$${shape}_tenth_docs wdocs=\$${shape}_town_docs wbytes=\$${shape}_town_bytes"
	disk_kb=$(du -sk "$dir" | awk '{ print $1 }')
	set -- $size
	echo "plan-bench: shape $shape: $1 bodies x $2 offices x $3 units x $4 activities:" \
		"$docs documents, $bytes bytes ($(calc 'b / 1e6' -v b="$bytes") MB;" \
		"$(calc 'k / 1024' -v k="$disk_kb") MiB in blocks on disk)"
	echo "plan-bench: shape $shape: a tenth ($small): $tdocs documents; the municipality ($town):" \
		"$wdocs documents, $wbytes bytes"
	if [ "$national" = 1 ]; then
		eval "ndocs=\$${shape}_nat_docs nbytes=\$${shape}_nat_bytes"
		echo "plan-bench: shape $shape: national scale ($national_size): $ndocs documents," \
			"$nbytes bytes ($(calc 'b / 1e6' -v b="$nbytes") MB)"
	fi
	# The figures mean something only on a valid plan set: a schema or rule
	# change that the generator does not follow is reported here, not timed.
	for key in $keys; do
		eval "dir=\$${shape}_${key}_dir"
		if ! "$pv" --strict "$dir" >"$tmp/strict.out" 2>&1; then
			sed -n '1,10p' "$tmp/strict.out" >&2
			die "the generated plan set $dir is not clean under plan-validate --strict: update tests/bench/gen.c"
		fi
	done
done

# --- what can be measured -------------------------------------------------------

# Every measurement but the cache's own is a full run.
pv_nc=$(no_cache "$pv")
pl_nc=$(no_cache "$pl")

rev=
rev_note=
if ! "$pv" --help 2>/dev/null | grep -q -- '--rev'; then
	rev_note="plan-validate has no --rev yet"
elif ! command -v git >/dev/null 2>&1; then
	rev_note="git is not installed"
else
	rev=1
fi

# git_commit DIR MESSAGE: commit everything in DIR.
git_commit() {
	(cd "$1" && git add -A &&
		git -c user.name=plan-bench -c user.email=plan-bench@invalid commit -qm "$2") ||
		die "cannot commit to the git repository $1"
}

# The cache (issue 16): a run after a one-file change, and --base on a pull
# request that changes one file. Measured only once plan-validate has --cache.
cache=
cache_note=
if ! "$pv" --help 2>/dev/null | grep -q -- '--cache'; then
	cache_note="no --cache option"
elif [ -z "$rev" ]; then
	cache_note="$rev_note: no --base"
fi
[ -n "$cache_note" ] || cache=1

for shape in $shapes; do
	eval "dir=\$${shape}_big_dir"
	if [ -n "$rev" ]; then
		# Committed and packed, as in a clone: what a CI job reads.
		cp -R "$dir" "$tmp/${shape}_repo"
		(cd "$tmp/${shape}_repo" && git init -q) || die "cannot create a git repository"
		git_commit "$tmp/${shape}_repo" "plan set"
		(cd "$tmp/${shape}_repo" && git repack -adq) || die "cannot repack $tmp/${shape}_repo"
	fi
	if [ -n "$cache" ]; then
		# A repository of its own, whose working tree the cache rounds change.
		cp -R "$dir" "$tmp/${shape}_crepo"
		(cd "$tmp/${shape}_crepo" && git init -q) || die "cannot create a git repository"
		git_commit "$tmp/${shape}_crepo" "plan set"
	fi
done

# change_title FILE ROUND: a one-character change of FILE's first title (its
# first letter becomes one of A-Z by ROUND), so each round's content is new
# to the cache; the set stays clean.
change_title() {
	letter=$(echo ABCDEFGHIJKLMNOPQRSTUVWXYZ | cut -c $(($2 % 26 + 1)))
	awk -v c="$letter" '
		!done && (i = index($0, "title: ")) {
			i += 7
			if (substr($0, i, 1) == "\"") i++
			$0 = substr($0, 1, i - 1) c substr($0, i + 1)
			done = 1
		}
		{ print }' "$1" >"$1.new" && mv "$1.new" "$1" || die "cannot change $1"
}

report=
if [ -x "$pr" ]; then
	report=1
	pr_nc=$(no_cache "$pr")
fi

first_shape=${shapes%% *}
eval "peer_dir=\$${first_shape}_big_dir"
# The peers validate only the arbetsplaner, against schemas/arbetsplan.schema.json:
# YAML copies as they are, and JSON for ajv-cli, whose YAML reader (js-yaml's
# default schema) would turn every date into a timestamp. The JSON is made with
# YAML 1.2's core schema, so it holds what plan-validate reads.
npm_ok=
peer_note=
if [ "$peers" != 1 ]; then
	peer_note="BENCH_PEERS=$peers: the npm peers are skipped"
elif ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
	peer_note="npm is not installed: @sourcemeta/jsonschema and ajv-cli are skipped"
else
	npmdir=${BENCH_NPM_DIR:-$tmp/npm}
	mkdir -p "$npmdir"
	if [ ! -x "$npmdir/node_modules/.bin/jsonschema" ] || [ ! -x "$npmdir/node_modules/.bin/ajv" ]; then
		echo "plan-bench: installing @sourcemeta/jsonschema, ajv-cli and ajv-formats into $npmdir"
		npm install --prefix "$npmdir" --no-audit --no-fund --silent \
			@sourcemeta/jsonschema ajv-cli ajv-formats >"$tmp/npm.log" 2>&1 || true
	fi
	if [ -x "$npmdir/node_modules/.bin/jsonschema" ] && [ -x "$npmdir/node_modules/.bin/ajv" ]; then
		cat >"$npmdir/plan-bench-copy.js" <<'EOF'
// Copy every arbetsplan.yaml under a plan set into one directory, and write
// each as JSON read by YAML 1.2's core schema (dates stay text).
const fs = require('fs'), path = require('path'), yaml = require('js-yaml');
const [root, yamlDir, jsonDir] = process.argv.slice(2);
fs.mkdirSync(yamlDir, { recursive: true });
fs.mkdirSync(jsonDir, { recursive: true });
let n = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name === 'arbetsplan.yaml') {
      const text = fs.readFileSync(p, 'utf8');
      const name = path.relative(root, path.dirname(p)).split(path.sep).join('_');
      fs.writeFileSync(path.join(yamlDir, name + '.yaml'), text);
      const doc = yaml.load(text, { schema: yaml.CORE_SCHEMA });
      fs.writeFileSync(path.join(jsonDir, name + '.json'), JSON.stringify(doc));
      n++;
    }
  }
})(root);
console.log(n);
EOF
		nap=$(cd "$npmdir" && node plan-bench-copy.js "$peer_dir" "$tmp/ap-yaml" "$tmp/ap-json") ||
			die "cannot copy the arbetsplaner for the peers"
		schema=$src/schemas/arbetsplan.schema.json
		smv=$("$npmdir/node_modules/.bin/jsonschema" version 2>/dev/null || echo "?")
		ajvv=$(awk -F'"' '/"version"/ { print $4; exit }' "$npmdir/node_modules/ajv-cli/package.json")
		npm_ok=1
	else
		peer_note="npm could not install the peers (offline?): skipped"
		sed 's/^/      /' "$tmp/npm.log" | tail -n 5 >&2
	fi
fi

# --- the measurements ---------------------------------------------------------------

# The rounds of one shape ($mode = run), or its rows ($mode = print).
measure_shape() {
	s=$1
	eval "big=\$${s}_big_dir tenth=\$${s}_tenth_dir muni=\$${s}_town_dir"
	eval "bigf=\$${s}_bigf_dir tenthf=\$${s}_tenthf_dir"
	eval "docs=\$${s}_big_docs tdocs=\$${s}_tenth_docs wdocs=\$${s}_town_docs"
	section "=== shape $s ==="
	section "floor: libyaml's event parser only, over every file"
	measure "${s}_floor1" "plan-bench-floor -j1" -- "$floor" -j 1 "$big"
	measure "${s}_floor2" "plan-bench-floor -j2" -- "$floor" -j 2 "$big"

	section "plan-validate on the plan set"
	measure "${s}_pv1" "plan-validate -j1" -- "$pv" $pv_nc -j 1 "$big"
	measure "${s}_pv2" "plan-validate -j2" -- "$pv" $pv_nc -j 2 "$big"
	if [ "$ncpu" != 2 ]; then
		measure "${s}_pvN" "plan-validate (all $ncpu processors)" -- "$pv" $pv_nc "$big"
	fi
	if [ -n "$rev" ]; then
		measure "${s}_rev" "plan-validate --rev HEAD (all processors)" -- \
			"$pv" $pv_nc --rev HEAD "$tmp/${s}_repo"
	else
		section "note: $rev_note: --rev HEAD is skipped"
	fi

	section "ten times the documents (-j1): $tdocs vs $docs documents"
	measure "${s}_t1" "plan-validate -j1, a tenth" -- "$pv" $pv_nc -j 1 "$tenth"
	section "the same with one mandatory-kpi-missing error per arbetsplan (exit 1)"
	measure "${s}_tf1" "plan-validate -j1 --faults, a tenth" -x 1 -- "$pv" $pv_nc -j 1 "$tenthf"
	measure "${s}_bf1" "plan-validate -j1 --faults, the whole set" -x 1 -- "$pv" $pv_nc -j 1 "$bigf"

	if [ "$national" = 1 ]; then
		eval "ndocs=\$${s}_nat_docs"
		section "national scale: $ndocs documents"
		measure "${s}_nat2" "plan-validate -j2, national scale" -- "$pv" $pv_nc -j 2 "$tmp/${s}_nat"
	fi

	section "a municipality of $wdocs documents (the fastest of 4 runs per round)"
	measure "${s}_town" "plan-validate (all processors)" -n 4 -- "$pv" $pv_nc "$muni"

	section "plan-link on the plan set (all processors)"
	for cmd in tree orphans matrix graph; do
		measure "${s}_pl_$cmd" "plan-link $cmd" -- "$pl" "$cmd" $pl_nc "$big"
	done

	if [ -n "$report" ]; then
		section "plan-report on the plan set (all processors)"
		measure "${s}_pr_followup" "plan-report followup --period dr1 --year 2026" -- \
			"$pr" followup $pr_nc --period dr1 --year 2026 "$big"
		measure "${s}_pr_plan" "plan-report plan" -- "$pr" plan $pr_nc "$big"
		measure "${s}_pr_kpis" "plan-report kpis" -- "$pr" kpis $pr_nc "$big"
		measure "${s}_pr_site" "plan-report site (rebuilt in place)" -- \
			"$pr" site $pr_nc -o "$tmp/${s}_site" "$big"
		measure "${s}_pr_site_town" "plan-report site, the municipality" -n 4 -- \
			"$pr" site $pr_nc -o "$tmp/${s}_site-town" "$muni"
	else
		section "note: plan-report is not built yet: skipped"
	fi

	if [ -n "$cache" ]; then
		crepo=$tmp/${s}_crepo
		cdir=$tmp/${s}_cache
		# The first arbetsplan in the listing: the one file each round changes.
		cfile=$(find "$crepo/planer" -name arbetsplan.yaml | LC_ALL=C sort | head -n 1)
		section "the cache (plan-validate --cache, all processors)"
		[ "$mode" = print ] || rm -rf "$cdir"
		measure "${s}_cold" "a cold run: the cache empty" -- "$pv" --cache "$cdir" "$crepo"
		[ "$mode" = print ] || change_title "$cfile" "$round"
		measure "${s}_warm" "the next run, one title changed by a character" -- \
			"$pv" --cache "$cdir" "$crepo"
		if [ "$mode" = run ]; then
			# The pull request: that change committed on the plan set before
			# it; the base revision's results are in the cache as a run on
			# the base branch would have left them.
			git_commit "$crepo" "round $round: one title"
			"$pv" --cache "$cdir" --rev HEAD~1 "$crepo" >/dev/null 2>&1 || true
		fi
		measure "${s}_base" "--base HEAD~1, a pull request of that one file" -- \
			"$pv" --cache "$cdir" --base HEAD~1 "$crepo"
	fi
}

# One round of every measurement ($mode = run), or the table ($mode = print).
measure_all() {
	for shape in $shapes; do
		measure_shape "$shape"
	done
	if [ -n "$npm_ok" ]; then
		section "=== peers, on the $nap arbetsplaner of shape $first_shape only" \
			"(@sourcemeta/jsonschema $smv, ajv-cli $ajvv) ==="
		measure sm_yaml "jsonschema validate -F, the YAML files" -- \
			"$npmdir/node_modules/.bin/jsonschema" validate -F "$schema" "$tmp/ap-yaml"
		measure sm_json "jsonschema validate -F, as JSON" -- \
			"$npmdir/node_modules/.bin/jsonschema" validate -F "$schema" "$tmp/ap-json"
		measure ajv "ajv validate -c ajv-formats, as JSON" -C "$npmdir" -- \
			"$npmdir/node_modules/.bin/ajv" validate --spec=draft7 -c ajv-formats \
			-s "$schema" -d "$tmp/ap-json/*.json"
	else
		section "note: $peer_note"
	fi
}

mode=run
round=1
while [ "$round" -le "$runs" ]; do
	echo "plan-bench: round $round of $runs"
	measure_all
	round=$((round + 1))
done
echo
mode=print
printf_row "" "min s" "median s" "peak MiB"
measure_all

# --- instruction counts -----------------------------------------------------------

# Wall times on a shared machine are noisy; instruction counts are not.
# callgrind_count KEY COMMAND...: the command's instructions, in $tmp/KEY.cg.
callgrind_count() {
	key=$1
	shift
	if valgrind --tool=callgrind --callgrind-out-file="$tmp/$key.cg" "$@" \
		>/dev/null 2>"$tmp/$key.cglog"; then
		awk '/^summary:/ { print $2 }' "$tmp/$key.cg"
	fi
}

if [ "$callgrind" = 1 ]; then
	echo
	if command -v valgrind >/dev/null 2>&1; then
		echo "instructions (callgrind; the stable comparison, not a target):"
		for shape in $shapes; do
			eval "dir=\$${shape}_big_dir"
			fi_=$(callgrind_count "${shape}_cg_floor" "$floor" -j 1 "$dir")
			vi_=$(callgrind_count "${shape}_cg_pv" "$pv" $pv_nc -j 1 "$dir")
			printf '  %-8s plan-bench-floor -j1 %15s   plan-validate -j1 %15s   ratio %s\n' \
				"$shape" "${fi_:-failed}" "${vi_:-failed}" "$(ratio "$vi_" "$fi_")"
		done
		echo "  (sh tests/bench/profile.sh, with BENCH_SHAPE, lists the costliest functions)"
	else
		echo "instructions: SKIPPED (valgrind is not installed)"
	fi
fi

# --- targets ----------------------------------------------------------------------

# mem_ratio KEY...: the largest peak memory of KEYs, over the set's bytes ($bytes).
mem_ratio() {
	m=
	for k in "$@"; do
		eval "r=\${${k}_rss_kb:-} t=\${${k}_min:-}"
		[ -n "$t" ] || { echo ""; return; }
		[ -n "$m" ] && [ "$m" -ge "$r" ] || m=$r
	done
	per_byte "$m" "$bytes"
}

for shape in $shapes; do
	s=$shape
	eval "bytes=\$${s}_big_bytes docs=\$${s}_big_docs tdocs=\$${s}_tenth_docs wdocs=\$${s}_town_docs"
	eval "floor1=\${${s}_floor1_min:-} floor2=\${${s}_floor2_min:-}"
	eval "pv1=\${${s}_pv1_min:-} pv2=\${${s}_pv2_min:-}"
	# plan-link and plan-report run with all processors: compared with
	# plan-validate's run that does too.
	pvref=${s}_pv2
	[ "$ncpu" = 2 ] || pvref=${s}_pvN
	eval "pvall=\${${pvref}_min:-}"
	echo
	echo "targets (issues 8 and 16), shape $s, from the fastest round of each:"
	target "plan-validate -j1 / floor -j1" "$(ratio "$pv1" "$floor1")" 1.3
	target "plan-validate -j2 / floor -j1" "$(ratio "$pv2" "$floor1")" 0.65
	echo "          (for scale: plan-validate -j2 / floor -j2 = $(ratio "$pv2" "$floor2"))"
	target "plan-validate peak memory / plan set's bytes ($bytes)" \
		"$(mem_ratio "${s}_pv1" "${s}_pv2")" 1.5
	if [ -n "$rev" ]; then
		eval "t=\${${s}_rev_min:-}"
		target "--rev HEAD / working tree (both all processors)" "$(ratio "$t" "$pvall")" 1.5
		target "peak memory with --rev HEAD / plan set's bytes" "$(mem_ratio "${s}_rev")" 1.5
	else
		skip "--rev HEAD / working tree" "$rev_note"
	fi
	eval "t1=\${${s}_t1_min:-} tf1=\${${s}_tf1_min:-} bf1=\${${s}_bf1_min:-}"
	target "ten times the documents: time ratio ($docs / $tdocs docs, -j1)" "$(ratio "$pv1" "$t1")" 11
	set -- $size
	target "the same with $(($1 * $2 * $3)) errors: time ratio" "$(ratio "$bf1" "$tf1")" 11
	eval "t=\${${s}_town_min:-}"
	target "a $wdocs-document municipality, seconds" "$t" 0.050 lt
	if [ "$national" = 1 ]; then
		eval "t=\${${s}_nat2_min:-} ndocs=\$${s}_nat_docs"
		target "national scale, -j2: time ratio ($ndocs / $docs docs)" "$(ratio "$t" "$pv2")" 11
		bytes_big=$bytes
		eval "bytes=\$${s}_nat_bytes"
		target "national scale: peak memory / its bytes ($bytes)" "$(mem_ratio "${s}_nat2")" 1.5
		bytes=$bytes_big
	else
		skip "national scale, -j2: time ratio (100,000 / 10,000 docs)" "BENCH_NATIONAL=1 runs it"
		skip "national scale: peak memory / its bytes" "BENCH_NATIONAL=1 runs it"
	fi
	for cmd in tree orphans matrix graph; do
		eval "t=\${${s}_pl_${cmd}_min:-}"
		target "plan-link $cmd / plan-validate" "$(ratio "$t" "$pvall")" 1.5
		target "plan-link $cmd peak memory / plan set's bytes" "$(mem_ratio "${s}_pl_$cmd")" 2.0
	done
	if [ -n "$report" ]; then
		for cmd in followup plan kpis; do
			eval "t=\${${s}_pr_${cmd}_min:-}"
			target "plan-report $cmd / plan-validate" "$(ratio "$t" "$pvall")" 1.5
			target "plan-report $cmd peak memory / plan set's bytes" "$(mem_ratio "${s}_pr_$cmd")" 2.0
		done
		# The site writes some 12,000 files: its own time target (issue 8).
		eval "t=\${${s}_pr_site_min:-} tt=\${${s}_pr_site_town_min:-} wt=\${${s}_town_min:-}"
		target "plan-report site / plan-validate" "$(ratio "$t" "$pvall")" 3.0
		target "plan-report site peak memory / plan set's bytes" "$(mem_ratio "${s}_pr_site")" 2.0
		target "plan-report site / plan-validate, the municipality" "$(ratio "$tt" "$wt")" 3.0
		if [ -d "$tmp/${s}_site" ]; then
			echo "          the site of $docs documents: $(find "$tmp/${s}_site" -type f | wc -l) files," \
				"$(du -sk "$tmp/${s}_site" | cut -f1) KiB; of $wdocs:" \
				"$(find "$tmp/${s}_site-town" -type f | wc -l) files," \
				"$(du -sk "$tmp/${s}_site-town" | cut -f1) KiB"
		fi
	else
		skip "plan-report / plan-validate" "plan-report is not built"
	fi
	if [ -n "$cache" ]; then
		eval "cold=\${${s}_cold_min:-} warm=\${${s}_warm_min:-} base=\${${s}_base_min:-}"
		target "cache: the run after a one-file change / floor -j1" "$(ratio "$warm" "$floor1")" 0.2
		target "cache: --base on a one-file pull request / a cold run" "$(ratio "$base" "$cold")" 0.3
		echo "          (for scale: the cold run with the cache / without it =" \
			"$(ratio "$cold" "$pvall"))"
	else
		skip "cache: the run after a one-file change / floor -j1" "$cache_note"
		skip "cache: --base on a one-file pull request / a cold run" "$cache_note"
	fi
done

if [ -n "$npm_ok" ]; then
	echo
	echo "targets against the peers (issue 8), shape $first_shape:"
	pvref=${first_shape}_pv2
	[ "$ncpu" = 2 ] || pvref=${first_shape}_pvN
	eval "pvall=\${${pvref}_min:-}"
	target "plan-validate (whole set) / jsonschema (arbetsplaner, YAML)" \
		"$(ratio "$pvall" "${sm_yaml_min:-}")" 1.0 lt
	target "plan-validate (whole set) / ajv-cli (arbetsplaner, JSON)" \
		"$(ratio "$pvall" "${ajv_min:-}")" 1.0 lt
	echo "          (for scale: plan-validate / jsonschema on the same arbetsplaner as JSON =" \
		"$(ratio "$pvall" "${sm_json_min:-}"))"
else
	echo
	skip "faster than @sourcemeta/jsonschema and ajv-cli" "$peer_note"
fi

echo
echo "plan-bench: $passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
