#!/bin/sh
# profile.sh: where plan-validate's time goes, in instruction counts, which
# unlike wall times do not depend on what else the machine is doing: runs
# valgrind's callgrind over plan-bench-floor -j1 and plan-validate -j1 on one
# generated plan set and prints both totals, their ratio and the costliest
# functions. Compare changes by these counts.
#
# Usage: sh tests/bench/profile.sh [BUILD_DIR]
#
# BUILD_DIR (default: build-bench-prof in the source tree) is configured as
# RelWithDebInfo without sanitizers. BENCH_SIZE="8 5 50 8" sets the plan set
# (bodies offices units activities), BENCH_SHAPE=prose its shape (prose or
# compact: plan-bench-gen --shape); BENCH_TOP=30 the functions listed. The
# callgrind files stay in BUILD_DIR/callgrind/ for callgrind_annotate.
set -eu

src=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd)
build=${1:-$src/build-bench-prof}
size=${BENCH_SIZE:-8 5 50 8}
shape=${BENCH_SHAPE:-prose}
top=${BENCH_TOP:-30}

die() {
	echo "plan-profile: $*" >&2
	exit 2
}

command -v valgrind >/dev/null 2>&1 || die "valgrind is not installed"
command -v callgrind_annotate >/dev/null 2>&1 || die "callgrind_annotate is not installed"

echo "plan-profile: building plan-tools (RelWithDebInfo) in $build"
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPLAN_SANITIZE=OFF \
	>"$build.log" 2>&1 || { cat "$build.log" >&2; die "cmake failed"; }
cmake --build "$build" --target bench -j "$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)" \
	>>"$build.log" 2>&1 || { tail -n 30 "$build.log" >&2; die "the build failed"; }
rm -f "$build.log"

out=$build/callgrind
rm -rf "$out"
mkdir -p "$out"
set -- $size
"$build/tests/bench/plan-bench-gen" --shape "$shape" --bodies "$1" --offices "$2" --units "$3" \
	--activities "$4" "$out/set" || die "plan-bench-gen failed"

# callgrind KEY COMMAND...: the command's total instruction count.
callgrind() {
	key=$1
	shift
	valgrind --tool=callgrind --callgrind-out-file="$out/$key.out" "$@" \
		>"$out/$key.stdout" 2>"$out/$key.log" || die "$key failed under valgrind (see $out/$key.log)"
	awk '/^summary:/ { print $2 }' "$out/$key.out"
}

# A full run, once plan-validate has a cache.
nc=
if "$build/cmd/plan-validate" --help | grep -q -- '--no-cache'; then
	nc=--no-cache
fi
floor=$(callgrind floor "$build/tests/bench/plan-bench-floor" -j 1 "$out/set")
pv=$(callgrind validate "$build/cmd/plan-validate" $nc -j 1 "$out/set")
echo "plan-profile: shape $shape, $size (bodies offices units activities)"
echo "plan-profile: plan-bench-floor -j1: $floor instructions"
echo "plan-profile: plan-validate -j1:    $pv instructions ($(awk -v a="$pv" -v b="$floor" \
	'BEGIN { printf "%.2f", a / b }') times the floor; target 1.3 in wall time)"
echo
echo "plan-validate -j1, the costliest functions with what they call (inclusive):"
callgrind_annotate --auto=no --inclusive=yes "$out/validate.out" 2>/dev/null |
	awk '/^-+$/ { rule++ } rule == 6 && /^ *[0-9,]+ \(/ { print }' |
	sed -e "s|$src/||" -e 's/ \[[^]]*\]$//' | awk '!seen[$0]++' |
	grep -v -e '(100.0%)' -e 'below main' -e 'libc_start' -e 'libc-start' |
	sed -n "1,${top}p" | cut -c1-150
echo "(a name with 'N is a recursive call; its count includes the levels below it)"
echo
echo "plan-validate -j1, the costliest functions by their own instructions:"
callgrind_annotate --auto=no "$out/validate.out" 2>/dev/null |
	awk '/^-+$/ { rule++ } rule == 6 && /^ *[0-9,]+ \(/ { print }' |
	sed -e "s|$src/||" -e 's/ \[[^]]*\]$//' | awk '!seen[$0]++' |
	sed -n "1,${top}p" | cut -c1-150
echo
echo "plan-profile: callgrind files in $out (callgrind_annotate --inclusive=yes $out/validate.out)"
