#!/bin/sh
# leak-examples.sh: the bundled examples, every binary's help and every rule's
# explanation, in Swedish, with no English words (english-leak.sh).
#
# Usage: leak-examples.sh SOURCE_DIR WORK_DIR VALIDATE LINK REPORT
#
# Each command runs with PLAN_LANG=sv (plan-report: its default) and the
# locale variables removed; its stdout and stderr are kept in WORK_DIR, one
# file per command, and all are read at the end.
set -eu

[ "$#" -eq 5 ] || {
	printf 'usage: leak-examples.sh SOURCE_DIR WORK_DIR VALIDATE LINK REPORT\n' >&2
	exit 2
}
src=$1
work=$2
validate=$3
link=$4
report=$5
leak=$src/tests/catalogue/english-leak.sh
rm -rf "$work"
mkdir -p "$work"
unset LC_ALL LC_MESSAGES LANG
PLAN_LANG=sv
NO_COLOR=1
export PLAN_LANG NO_COLOR

n=0
# run NAME COMMAND...: its output to WORK_DIR/NAME.out (the status is not
# judged here; the suites that own the commands do that).
run() {
	name=$1
	shift
	n=$((n + 1))
	"$@" >"$work/$name.out" 2>&1 </dev/null || true
}

cd "$src/examples"
run validate-broken "$validate" broken
run validate-strangnas "$validate" --strict strangnas
run validate-help "$validate" --help
run validate-list-rules "$validate" --list-rules strangnas
run validate-usage "$validate" --format nope
for cmd in trace tree orphans matrix graph diff suspect; do
	run "link-help-$cmd" "$link" "$cmd" --help
done
run link-help "$link" --help
run link-tree "$link" tree strangnas
run link-orphans "$link" orphans broken
run link-matrix "$link" matrix strangnas
run link-trace "$link" trace --root strangnas KF-1
run link-unknown "$link" trace --root strangnas KF-99
for cmd in followup plan kpis calendar; do
	run "report-help-$cmd" "$report" "$cmd" --help
done
run report-help "$report" --help
run report-usage "$report" followup --period dr9

# Every rule's explanation, without its examples: they are plan files, whose
# keys are the format's English.
for rule in $("$validate" --list-rules --format json | grep -oE '"id": "[a-z0-9-]+"' | sed -E 's/"id": "//; s/"$//'); do
	n=$((n + 1))
	"$validate" --explain "$rule" | awk '/^(Felaktigt|Rätt) exempel \(/ { skip = 1 } /^[^ ]/ && !/^(Felaktigt|Rätt) exempel \(/ { skip = 0 } !skip' \
		>"$work/explain-$rule.out"
done

cd "$work"
if ! sh "$leak" ./*.out >"$work/leaks"; then
	printf 'leak-examples.sh: English words in Swedish output:\n' >&2
	cat "$work/leaks" >&2
	exit 1
fi
printf 'leak-examples.sh: %d outputs, no English words\n' "$n"
