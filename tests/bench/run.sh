#!/bin/sh
# run.sh: the performance benchmark (issue 8) in one command: builds the
# toolkit for Release, generates synthetic plan sets, times every tool side by
# side against libyaml's own parse time and prints each target as PASS or FAIL.
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
#   BENCH_RUNS=5            rounds; each runs every command once, and the
#                           fastest and the median round are printed
#   BENCH_SEED=1            the generator's seed
#   BENCH_PEERS=1           0: skip @sourcemeta/jsonschema and ajv-cli
#   BENCH_NPM_DIR=DIR       install the peers there once and reuse them
#   BENCH_KEEP=1            keep the temporary directory (its path is printed)
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
seed=${BENCH_SEED:-1}
peers=${BENCH_PEERS:-1}
ncpu=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)

die() {
	echo "plan-bench: $*" >&2
	exit 2
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-bench.XXXXXX") || die "cannot create a temporary directory"
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	echo "plan-bench: keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 2' INT TERM
fi

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

# gen KEY "B O U A" [--faults]: generate a plan set into $tmp/KEY; sets
# KEY_dir, KEY_docs and KEY_bytes.
gen() {
	key=$1
	set -- $2 ${3:-}
	"$gen" --bodies "$1" --offices "$2" --units "$3" --activities "$4" --seed "$seed" \
		${5:-} "$tmp/$key" >"$tmp/$key.gen" || die "plan-bench-gen failed"
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
# target LABEL VALUE LIMIT [lt]: PASS when VALUE <= LIMIT (< with lt).
target() {
	if [ -z "$2" ]; then
		printf '  SKIP  %s\n' "$1"
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
	printf '  %s  %-60s %8s  (target %s %s)\n' "$verdict" "$1" "$2" "$cmp" "$3"
}

# --- the machine and the plan sets --------------------------------------------

cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576; exit }' /proc/meminfo 2>/dev/null || true)
echo "plan-bench: machine: $ncpu processors${cpu:+, $cpu}${mem:+, $mem memory}, $(uname -sm)"
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

gen big "$size"
gen tenth "$small"
gen town "$town"
gen bigf "$size" --faults
gen tenthf "$small" --faults
disk_kb=$(du -sk "$big_dir" | awk '{ print $1 }')
set -- $size
echo "plan-bench: plan set $1 bodies x $2 offices x $3 units x $4 activities:" \
	"$big_docs documents, $big_bytes bytes ($(calc 'b / 1e6' -v b="$big_bytes") MB;" \
	"$(calc 'k / 1024' -v k="$disk_kb") MiB in blocks on disk)"
echo "plan-bench: a tenth ($small): $tenth_docs documents; the municipality ($town):" \
	"$town_docs documents, $town_bytes bytes"

# The figures mean something only on a valid plan set: a schema or rule
# change that the generator does not follow is reported here, not timed.
for key in big tenth town; do
	eval "dir=\$${key}_dir"
	if ! "$pv" --strict "$dir" >"$tmp/strict.out" 2>&1; then
		sed -n '1,10p' "$tmp/strict.out" >&2
		die "the generated plan set $dir is not clean under plan-validate --strict: update tests/bench/gen.c"
	fi
done

# --- what can be measured -------------------------------------------------------

rev=
rev_note=
if ! "$pv" --help 2>/dev/null | grep -q -- '--rev'; then
	rev_note="plan-validate has no --rev yet: --rev HEAD is skipped"
elif ! command -v git >/dev/null 2>&1; then
	rev_note="git is not installed: --rev HEAD is skipped"
else
	# Committed and packed, as in a clone: what a CI job reads.
	cp -R "$big_dir" "$tmp/repo"
	(cd "$tmp/repo" && git init -q && git add -A &&
		git -c user.name=plan-bench -c user.email=plan-bench@invalid commit -qm "plan set" &&
		git repack -adq) ||
		die "cannot commit the plan set to a git repository"
	rev=1
fi

report=
if [ -x "$pr" ]; then
	report=1
fi

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
		nap=$(cd "$npmdir" && node plan-bench-copy.js "$big_dir" "$tmp/ap-yaml" "$tmp/ap-json") ||
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

# One round of every measurement ($mode = run), or the table ($mode = print).
measure_all() {
	section "floor: libyaml's event parser only, over every file"
	measure floor1 "plan-bench-floor -j1" -- "$floor" -j 1 "$big_dir"
	measure floorN "plan-bench-floor -j$ncpu" -- "$floor" -j "$ncpu" "$big_dir"

	section "plan-validate on the plan set"
	measure pv1 "plan-validate -j1" -- "$pv" -j 1 "$big_dir"
	measure pvN "plan-validate (all $ncpu processors)" -- "$pv" "$big_dir"
	if [ -n "$rev" ]; then
		measure rev "plan-validate --rev HEAD (all processors)" -- "$pv" --rev HEAD "$tmp/repo"
	else
		section "note: $rev_note"
	fi

	section "ten times the documents (-j1): $tenth_docs vs $big_docs documents"
	measure t1 "plan-validate -j1, a tenth" -- "$pv" -j 1 "$tenth_dir"
	section "the same with one mandatory-kpi-missing error per arbetsplan (exit 1)"
	measure tf1 "plan-validate -j1 --faults, a tenth" -x 1 -- "$pv" -j 1 "$tenthf_dir"
	measure bf1 "plan-validate -j1 --faults, the whole set" -x 1 -- "$pv" -j 1 "$bigf_dir"

	section "a municipality of $town_docs documents (the fastest of 4 runs per round)"
	measure town "plan-validate (all processors)" -n 4 -- "$pv" "$town_dir"

	section "plan-link on the plan set (all processors)"
	for cmd in tree orphans matrix graph; do
		measure "pl_$cmd" "plan-link $cmd" -- "$pl" "$cmd" "$big_dir"
	done

	if [ -n "$report" ]; then
		section "plan-report on the plan set (all processors)"
		measure pr_followup "plan-report followup --period dr1 --year 2026" -- \
			"$pr" followup --period dr1 --year 2026 "$big_dir"
		measure pr_plan "plan-report plan" -- "$pr" plan "$big_dir"
		measure pr_kpis "plan-report kpis" -- "$pr" kpis "$big_dir"
		measure pr_site "plan-report site (rebuilt in place)" -- "$pr" site -o "$tmp/site" "$big_dir"
		measure pr_site_town "plan-report site, the municipality" -n 4 -- "$pr" site -o "$tmp/site-town" "$town_dir"
	else
		section "note: plan-report is not built yet: skipped"
	fi

	if [ -n "$npm_ok" ]; then
		section "peers on the $nap arbetsplaner only (@sourcemeta/jsonschema $smv, ajv-cli $ajvv)"
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

# --- targets ----------------------------------------------------------------------

echo
echo "targets (issue 8), from the fastest round of each:"
target "plan-validate -j1 / floor -j1" "$(ratio "${pv1_min:-}" "${floor1_min:-}")" 1.5
target "plan-validate with $ncpu processors / floor -j1" "$(ratio "${pvN_min:-}" "${floor1_min:-}")" 1.0
echo "        (for scale: plan-validate with $ncpu processors / floor -j$ncpu =" \
	"$(ratio "${pvN_min:-}" "${floorN_min:-}"))"
target "peak memory / plan set size (${pvN_rss_kb:-?} KiB / $big_bytes bytes)" \
	"$(per_byte "${pvN_rss_kb:-}" "$big_bytes")" 2.0
if [ -n "$rev" ]; then
	target "--rev HEAD / working tree (both all processors)" "$(ratio "${rev_min:-}" "${pvN_min:-}")" 1.5
	target "peak memory with --rev HEAD / plan set size" "$(per_byte "${rev_rss_kb:-}" "$big_bytes")" 2.0
else
	target "--rev HEAD / working tree" "" 1.5
fi
target "ten times the documents: time ratio ($big_docs / $tenth_docs docs, -j1)" \
	"$(ratio "${pv1_min:-}" "${t1_min:-}")" 11
set -- $size
target "the same with $(($1 * $2 * $3)) errors: time ratio" "$(ratio "${bf1_min:-}" "${tf1_min:-}")" 11
target "a $town_docs-document municipality, seconds" "${town_min:-}" 0.050 lt
if [ -n "$npm_ok" ]; then
	target "plan-validate (whole set) / jsonschema (arbetsplaner, YAML)" \
		"$(ratio "${pvN_min:-}" "${sm_yaml_min:-}")" 1.0 lt
	target "plan-validate (whole set) / ajv-cli (arbetsplaner, JSON)" \
		"$(ratio "${pvN_min:-}" "${ajv_min:-}")" 1.0 lt
	echo "        (for scale: plan-validate / jsonschema on the same arbetsplaner as JSON =" \
		"$(ratio "${pvN_min:-}" "${sm_json_min:-}"))"
else
	target "faster than @sourcemeta/jsonschema and ajv-cli" "" 1.0 lt
fi
for cmd in tree orphans matrix graph; do
	eval "t=\${pl_${cmd}_min:-}"
	target "plan-link $cmd / plan-validate" "$(ratio "$t" "${pvN_min:-}")" 2.0
done
if [ -n "$report" ]; then
	target "plan-report followup / plan-validate" "$(ratio "${pr_followup_min:-}" "${pvN_min:-}")" 2.0
	target "plan-report plan / plan-validate" "$(ratio "${pr_plan_min:-}" "${pvN_min:-}")" 2.0
	target "plan-report kpis / plan-validate" "$(ratio "${pr_kpis_min:-}" "${pvN_min:-}")" 2.0
	target "plan-report site / plan-validate" "$(ratio "${pr_site_min:-}" "${pvN_min:-}")" 3.0
	target "plan-report site / plan-validate, the municipality" "$(ratio "${pr_site_town_min:-}" "${town_min:-}")" 3.0
	if [ -d "$tmp/site" ]; then
		echo "  the site of $big_docs documents: $(find "$tmp/site" -type f | wc -l) files," \
			"$(du -sk "$tmp/site" | cut -f1) KiB; of $town_docs: $(find "$tmp/site-town" -type f | wc -l) files," \
			"$(du -sk "$tmp/site-town" | cut -f1) KiB"
	fi
else
	target "plan-report / plan-validate" "" 2.0
fi

echo
echo "plan-bench: $passed passed, $failed failed"
[ "$failed" = 0 ]
