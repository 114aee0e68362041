#!/bin/sh
# run.sh: run one per-rule case of plan-validate: a copy of the base plan set
# with the case's files laid over it, compared with what the case expects.
#
# Usage: run.sh BINARY BASE CASE_DIR WORK_DIR
#
#   BINARY    plan-validate
#   BASE      the clean plan set (tests/rules/base)
#   CASE_DIR  the case: plan files to lay over BASE, and control files
#   WORK_DIR  scratch directory of this case; WORK_DIR/set is made afresh
#             from BASE each run and kept afterwards for inspection
#
# Every file under CASE_DIR is copied into WORK_DIR/set at the same relative
# path (replacing the base's file), except these control files at the top of
# CASE_DIR:
#
#   expected.txt  the exact expected stdout (text format, no terminal)
#   exit          the expected exit status (default 1)
#   args          extra arguments for plan-validate, one per line
#   delete        relative paths to remove from the set, one per line
#   mkfifo        relative paths to create as named pipes (FIFOs)
#   stderr        a fixed string stderr must contain (default: stderr empty)
#
# In args, delete and mkfifo, empty lines and lines starting with '#' are
# skipped. The binary runs as `plan-validate [args] WORK_DIR/set` with the
# current directory at WORK_DIR/set and NO_COLOR=1.
#
# Each case runs twice: as above (English), and with PLAN_LANG=sv, which must
# give the same exit status and text output without English words
# (tests/catalogue/english-leak.sh).
#
# RULES_WRITE_EXPECTED=1 writes the actual stdout to CASE_DIR/expected.txt
# instead of comparing: read what it wrote before you keep it.
set -eu

me=rules/run.sh
fail() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	exit 1
}

[ "$#" -eq 4 ] || {
	printf 'usage: %s BINARY BASE CASE_DIR WORK_DIR\n' "$0" >&2
	exit 2
}

absolute() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}
binary=$(absolute "$1")
base=$(absolute "$2")
leak_check=$(dirname "$(absolute "$0")")/../catalogue/english-leak.sh
case_dir=$(absolute "$3")
work=$(absolute "$4")
name=$(basename "$case_dir")
me="rules/run.sh [$name]"

[ -x "$binary" ] || fail "no executable binary at '$binary'"
[ -f "$base/styrmodell.yaml" ] || fail "no plan set at '$base' (no styrmodell.yaml)"
[ -d "$case_dir" ] || fail "no case directory '$case_dir'"

is_control() {
	case "$1" in
	expected.txt | exit | args | delete | mkfifo | stderr) return 0 ;;
	esac
	return 1
}

# A path from a control file must stay inside the set.
check_relative() {
	case "$1" in
	/* | .. | ../* | */.. | */../*) fail "$2: '$1' is not a relative path inside the set" ;;
	esac
}

# --- the plan set: BASE, then the case over it -------------------------------
set_dir=$work/set
mkdir -p "$work"
rm -rf "$set_dir"
cp -R "$base" "$set_dir" || fail "cannot copy '$base' to '$set_dir'"

(cd "$case_dir" && find . ! -type d) | while IFS= read -r path; do
	rel=${path#./}
	is_control "$rel" && continue
	mkdir -p "$set_dir/$(dirname "$rel")"
	rm -rf "${set_dir:?}/$rel"
	cp -R -P "$case_dir/$rel" "$set_dir/$rel" || fail "cannot copy '$rel'"
done

if [ -f "$case_dir/delete" ]; then
	while IFS= read -r rel || [ -n "$rel" ]; do
		case "$rel" in '' | '#'*) continue ;; esac
		check_relative "$rel" delete
		[ -e "$set_dir/$rel" ] || [ -h "$set_dir/$rel" ] ||
			fail "delete: '$rel' is not in the set"
		rm -rf "${set_dir:?}/$rel"
	done <"$case_dir/delete"
fi

if [ -f "$case_dir/mkfifo" ]; then
	while IFS= read -r rel || [ -n "$rel" ]; do
		case "$rel" in '' | '#'*) continue ;; esac
		check_relative "$rel" mkfifo
		mkdir -p "$set_dir/$(dirname "$rel")"
		rm -rf "${set_dir:?}/$rel"
		mkfifo "$set_dir/$rel" || fail "mkfifo: cannot create '$rel'"
	done <"$case_dir/mkfifo"
fi

# --- the run ------------------------------------------------------------------
set --
if [ -f "$case_dir/args" ]; then
	while IFS= read -r arg || [ -n "$arg" ]; do
		case "$arg" in '' | '#'*) continue ;; esac
		set -- "$@" "$arg"
	done <"$case_dir/args"
fi
set -- "$@" "$set_dir"

expected_exit=1
if [ -f "$case_dir/exit" ]; then
	expected_exit=$(tr -d ' \t\r\n' <"$case_dir/exit")
	case "$expected_exit" in
	'' | *[!0-9]*) fail "exit: '$expected_exit' is not an exit status" ;;
	esac
fi

# A result cache of the case's own, cold at the start; with
# PLAN_TEST_CACHE=twice every run is two on it, cold then warm, that must
# print the same (tests/cache_twice.sh).
rm -rf "$work/cache" "$work/bin"
XDG_CACHE_HOME=$work/cache
export XDG_CACHE_HOME
if [ "${PLAN_TEST_CACHE:-}" = twice ]; then
	binary=$(sh "$(dirname "$(absolute "$0")")/../cache_wrap.sh" "$work/bin" "$binary")
fi

out=$work/stdout
err=$work/stderr
status=0
(cd "$set_dir" && unset PLAN_LANG LC_ALL LC_MESSAGES LANG && NO_COLOR=1 exec "$binary" "$@") >"$out" 2>"$err" </dev/null || status=$?

command_line() {
	printf '(cd %s && %s' "$set_dir" "$binary"
	for arg in "$@"; do printf " '%s'" "$arg"; done
	printf ')\n'
}

if [ "${RULES_WRITE_EXPECTED:-}" = 1 ]; then
	cp "$out" "$case_dir/expected.txt"
	printf '%s: wrote %s (exit status %s); check it by hand:\n' "$me" \
		"$case_dir/expected.txt" "$status" >&2
	cat "$out" >&2
	[ -s "$err" ] && { printf -- '--- stderr:\n' >&2; cat "$err" >&2; }
	exit 0
fi

# --- the comparison -------------------------------------------------------------
problems=0
problem() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	problems=$((problems + 1))
}

if [ ! -f "$case_dir/expected.txt" ]; then
	problem "no expected.txt in $case_dir; the actual stdout was:"
	cat "$out" >&2
elif ! diff -u "$case_dir/expected.txt" "$out" >"$work/diff"; then
	problem "stdout differs from expected.txt (--- expected, +++ actual):"
	cat "$work/diff" >&2
fi

if [ "$status" != "$expected_exit" ]; then
	problem "exit status $status, expected $expected_exit"
fi

if [ -f "$case_dir/stderr" ]; then
	want=$(cat "$case_dir/stderr")
	grep -F -e "$want" "$err" >/dev/null || problem "stderr does not contain '$want'"
elif [ -s "$err" ]; then
	problem "stderr is not empty"
fi

# --- the same run in Swedish: the same exit status, and no English words ----
# (machine formats keep their English keys; only text output is read).
sv_out=$work/stdout.sv
sv_err=$work/stderr.sv
sv_status=0
(cd "$set_dir" && unset LC_ALL LC_MESSAGES LANG && PLAN_LANG=sv NO_COLOR=1 exec "$binary" "$@") \
	>"$sv_out" 2>"$sv_err" </dev/null || sv_status=$?
if [ "$sv_status" != "$status" ]; then
	problem "exit status $sv_status in Swedish, $status in English"
fi
case " $* " in
*" json "* | *" sarif "* | *" github "* | *" --format=json "* | *" --format=sarif "*) ;;
*)
	sh "$leak_check" "$sv_out" "$sv_err" >"$work/leaks" ||
		{ problem "English words in the Swedish output:"; cat "$work/leaks" >&2; }
	;;
esac

if [ "$problems" -gt 0 ]; then
	if [ -s "$err" ]; then
		printf -- '--- stderr of the run:\n' >&2
		cat "$err" >&2
	fi
	printf '%s: command: ' "$me" >&2
	command_line "$@" >&2
	printf '%s: the plan set is kept in %s\n' "$me" "$set_dir" >&2
	exit 1
fi
exit 0
