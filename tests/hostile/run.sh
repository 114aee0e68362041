#!/bin/sh
# run.sh: run one hostile-input case: a copy of the clean base plan set with
# the case's files laid over it (as tests/rules/run.sh does) and its setup
# applied, then plan-validate or plan-link on it, with the exit status, stdout
# and stderr checked, in bounded time and output.
#
# Usage: run.sh VALIDATE LINK CHECK BASE CASE_DIR WORK_DIR
#
#   VALIDATE, LINK  the plan-validate and plan-link binaries
#   CHECK           hostile_check (check_output.c): terminal safety and JSON
#   BASE            the clean plan set (tests/rules/base)
#   CASE_DIR        the case: plan files to lay over BASE, and control files
#   WORK_DIR        scratch directory; WORK_DIR/set is made afresh each run
#
# Control files at the top of CASE_DIR (every other file is a plan file):
#
#   binary        plan-validate (default) or plan-link
#   args          arguments, one per line ('#' lines and empty lines skipped)
#   exit          the allowed exit statuses, separated by spaces (default 1)
#   expected.txt  the exact expected stdout, after the set's path is replaced
#                 by <SET>; when absent stdout is not compared
#   stdout        fixed strings stdout must contain, one per line
#   absent        fixed strings stdout must not contain, one per line
#   stderr        a fixed string stderr must contain (default: stderr empty)
#   output        text (default): stdout must be safe for a terminal (no raw
#                 control characters, escape sequences, C1 or bidirectional
#                 controls; valid UTF-8); json: stdout must be valid JSON,
#                 and safe for a terminal as well
#   setup         a POSIX sh script run in the set before the binary, with
#                 HOSTILE_WORK (WORK_DIR), HOSTILE_CASE (CASE_DIR),
#                 HOSTILE_VALIDATE and HOSTILE_LINK (the binaries) and
#                 XDG_CACHE_HOME (the run's result cache, below) in its
#                 environment. It may start
#                 background processes and write their pids, one per line, to
#                 $HOSTILE_WORK/background: they are killed after the run.
#                 Exit status 77 skips the case (say why on stdout).
#   tty           run on a pseudo-terminal (script(1)): colours and source
#                 quotes are on, and stderr is merged into stdout
#   unprivileged  when run as root, run the binary as nobody (setpriv), since
#                 permissions cannot deny root anything; skipped when that is
#                 not possible
#
# Every run has a result cache of its own, empty unless setup fills it:
# XDG_CACHE_HOME is WORK_DIR/cache, so the cache is WORK_DIR/cache/plan-tools
# (tests/hostile/cache_setup.sh helps a setup spoil it).
#
# Every run is bounded: it must end within $HOSTILE_TIMEOUT seconds (default
# 60) and print at most 1 MiB. Exit status: 0 pass, 1 fail, 77 skipped.
#
# HOSTILE_WRITE_EXPECTED=1 writes stdout to CASE_DIR/expected.txt instead of
# comparing: read it before you keep it.
set -eu

me=hostile/run.sh
fail() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	exit 1
}
skip() {
	printf '%s: SKIP: %s\n' "$me" "$*"
	exit 77
}

[ "$#" -eq 6 ] || {
	printf 'usage: %s VALIDATE LINK CHECK BASE CASE_DIR WORK_DIR\n' "$0" >&2
	exit 2
}

absolute() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}
validate=$(absolute "$1")
link=$(absolute "$2")
check=$(absolute "$3")
leak_check=$(dirname "$(absolute "$0")")/../catalogue/english-leak.sh
base=$(absolute "$4")
case_dir=$(absolute "$5")
work=$(absolute "$6")
me="hostile/run.sh [$(basename "$case_dir")]"
max_output=1048576

[ -f "$base/styrmodell.yaml" ] || fail "no plan set at '$base'"
[ -d "$case_dir" ] || fail "no case directory '$case_dir'"

is_control() {
	case "$1" in
	binary | args | exit | expected.txt | stdout | absent | stderr | output | setup | tty | unprivileged) return 0 ;;
	esac
	return 1
}

# Lines of a control file, without comments and empty lines.
lines_of() {
	[ -f "$case_dir/$1" ] || return 0
	while IFS= read -r line || [ -n "$line" ]; do
		case "$line" in '' | '#'*) continue ;; esac
		printf '%s\n' "$line"
	done <"$case_dir/$1"
}

binary=$validate
if [ -f "$case_dir/binary" ]; then
	case "$(tr -d ' \t\r\n' <"$case_dir/binary")" in
	plan-validate) binary=$validate ;;
	plan-link) binary=$link ;;
	*) fail "binary: expected plan-validate or plan-link" ;;
	esac
fi
[ -x "$binary" ] || fail "no executable binary at '$binary'"

output_kind=text
[ -f "$case_dir/output" ] && output_kind=$(tr -d ' \t\r\n' <"$case_dir/output")

# --- the plan set ------------------------------------------------------------
set_dir=$work/set
mkdir -p "$work"
# A previous run may have left unreadable directories behind.
[ -d "$set_dir" ] && chmod -R u+rwx "$set_dir" 2>/dev/null || true
[ -d "$work/cache" ] && chmod -R u+rwx "$work/cache" 2>/dev/null || true
rm -rf "$set_dir" "$work/stdout" "$work/stderr" "$work/background" "$work/cache"
XDG_CACHE_HOME=$work/cache
export XDG_CACHE_HOME
cp -R "$base" "$set_dir" || fail "cannot copy '$base'"
(cd "$case_dir" && find . ! -type d) | while IFS= read -r path; do
	rel=${path#./}
	is_control "$rel" && continue
	mkdir -p "$set_dir/$(dirname "$rel")"
	rm -rf "${set_dir:?}/$rel"
	cp -P "$case_dir/$rel" "$set_dir/$rel" || fail "cannot copy '$rel'"
done

background_stop() {
	[ -f "$work/background" ] || return 0
	while IFS= read -r pid; do
		case "$pid" in '' | *[!0-9]*) continue ;; esac
		kill "$pid" 2>/dev/null || true
	done <"$work/background"
	rm -f "$work/background"
}
# Stop what setup started, and leave the set removable (setup may have
# taken permissions away).
finish() {
	background_stop
	chmod -R u+rwx "$set_dir" 2>/dev/null || true
	chmod -R u+rwx "$work/cache" 2>/dev/null || true
}
trap finish EXIT
trap 'exit 1' HUP INT TERM

if [ -f "$case_dir/setup" ]; then
	status=0
	(cd "$set_dir" && HOSTILE_WORK=$work HOSTILE_CASE=$case_dir HOSTILE_VALIDATE=$validate \
		HOSTILE_LINK=$link exec sh "$case_dir/setup") >"$work/setup.out" 2>&1 || status=$?
	if [ "$status" = 77 ]; then
		skip "$(cat "$work/setup.out")"
	elif [ "$status" != 0 ]; then
		cat "$work/setup.out" >&2
		fail "setup failed with status $status"
	fi
fi

# --- how to run it -----------------------------------------------------------
set --
while IFS= read -r arg; do
	if [ -n "$arg" ]; then set -- "$@" "$arg"; fi
done <<EOF
$(lines_of args)
EOF

runner=
if [ -f "$case_dir/unprivileged" ] && [ "$(id -u)" = 0 ]; then
	command -v setpriv >/dev/null 2>&1 ||
		skip "running as root and setpriv(1) is missing: permissions cannot deny root anything"
	runner="setpriv --reuid=65534 --regid=65534 --clear-groups --"
	$runner test -x "$binary" && $runner test -r "$set_dir/styrmodell.yaml" ||
		skip "running as root, and nobody cannot reach '$set_dir': permissions cannot deny root anything"
fi

timeout_cmd=
if command -v timeout >/dev/null 2>&1; then
	timeout_cmd="timeout ${HOSTILE_TIMEOUT:-60}"
fi

out=$work/stdout
err=$work/stderr
status=0
if [ -f "$case_dir/tty" ]; then
	command -v script >/dev/null 2>&1 || skip "script(1) is missing: no pseudo-terminal"
	quoted=
	for word in $runner "$binary" "$@"; do
		quoted="$quoted '$(printf '%s' "$word" | sed "s/'/'\\\\''/g")'"
	done
	# script -e returns the binary's status; the terminal turns each line
	# feed into CR LF, and one CR before each line feed is taken off again.
	(cd "$set_dir" && unset NO_COLOR && exec $timeout_cmd script -qec "exec$quoted" /dev/null) \
		</dev/null >"$work/tty" 2>"$err" || status=$?
	LC_ALL=C awk '{ sub(/\r$/, ""); print }' "$work/tty" >"$out"
else
	(cd "$set_dir" && unset PLAN_LANG LC_ALL LC_MESSAGES LANG && NO_COLOR=1 exec $timeout_cmd $runner "$binary" "$@") \
		</dev/null >"$out" 2>"$err" || status=$?
fi
background_stop

# --- the checks --------------------------------------------------------------
problems=0
problem() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	problems=$((problems + 1))
}

# The set's real path becomes <SET>, literally.
normalise() {
	HOSTILE_FROM=$(cd "$set_dir" && pwd -P) LC_ALL=C awk '
	{
		from = ENVIRON["HOSTILE_FROM"]
		line = $0
		out = ""
		while (from != "" && (i = index(line, from)) > 0) {
			out = out substr(line, 1, i - 1) "<SET>"
			line = substr(line, i + length(from))
		}
		print out line
	}' "$1"
}

if [ "$status" = 124 ] && [ -n "$timeout_cmd" ]; then
	problem "the run did not end within ${HOSTILE_TIMEOUT:-60} seconds"
fi
size=$(wc -c <"$out" | tr -d ' ')
if [ "$size" -gt "$max_output" ]; then
	problem "stdout is $size bytes, more than the bound of $max_output"
fi

if [ "${HOSTILE_WRITE_EXPECTED:-}" = 1 ]; then
	normalise "$out" >"$case_dir/expected.txt"
	printf '%s: wrote %s (exit status %s); check it by hand:\n' "$me" \
		"$case_dir/expected.txt" "$status" >&2
	cat "$case_dir/expected.txt" >&2
	[ -s "$err" ] && { printf -- '--- stderr:\n' >&2; cat "$err" >&2; }
	exit 0
fi

allowed=1
[ -f "$case_dir/exit" ] && allowed=$(cat "$case_dir/exit")
ok=0
for s in $allowed; do
	[ "$s" = "$status" ] && ok=1
done
[ "$ok" = 1 ] || problem "exit status $status, expected $(printf '%s' "$allowed" | tr '\n' ' ')"

if [ -f "$case_dir/expected.txt" ]; then
	normalise "$out" >"$work/actual"
	if ! diff -u "$case_dir/expected.txt" "$work/actual" >"$work/diff"; then
		problem "stdout differs from expected.txt (--- expected, +++ actual):"
		cat "$work/diff" >&2
	fi
fi

while IFS= read -r want; do
	[ -n "$want" ] || continue
	grep -F -e "$want" "$out" >/dev/null || problem "stdout does not contain '$want'"
done <<EOF
$(lines_of stdout)
EOF
while IFS= read -r unwanted; do
	[ -n "$unwanted" ] || continue
	if grep -F -e "$unwanted" "$out" >/dev/null; then
		problem "stdout contains '$unwanted'"
	fi
done <<EOF
$(lines_of absent)
EOF

case "$output_kind" in
json)
	"$check" json "$out" || problem "stdout is not valid JSON"
	"$check" text "$out" || problem "stdout (JSON) is not safe for a terminal"
	;;
text)
	mode=text
	[ -f "$case_dir/tty" ] && mode=color
	"$check" $mode "$out" || problem "stdout is not safe for a terminal"
	;;
*) problem "output: expected text or json, not '$output_kind'" ;;
esac

if [ -f "$case_dir/stderr" ]; then
	want=$(cat "$case_dir/stderr")
	grep -F -e "$want" "$err" >/dev/null || problem "stderr does not contain '$want'"
elif [ -s "$err" ]; then
	problem "stderr is not empty"
fi

# The same run in Swedish, where the case can be run again as it was (no
# setup, no terminal) and its output is text: the same exit status, and no
# English words in what it prints (tests/catalogue/english-leak.sh).
if [ "$output_kind" = text ] && [ ! -f "$case_dir/setup" ] && [ ! -f "$case_dir/tty" ]; then
	sv_status=0
	(cd "$set_dir" && unset LC_ALL LC_MESSAGES LANG && PLAN_LANG=sv NO_COLOR=1 exec $timeout_cmd $runner "$binary" "$@") \
		</dev/null >"$work/stdout.sv" 2>"$work/stderr.sv" || sv_status=$?
	[ "$sv_status" = "$status" ] || problem "exit status $sv_status in Swedish, $status in English"
	sh "$leak_check" "$work/stdout.sv" "$work/stderr.sv" >"$work/leaks" ||
		{ problem "English words in the Swedish output:"; cat "$work/leaks" >&2; }
fi

if [ "$problems" -gt 0 ]; then
	printf -- '--- stdout of the run:\n' >&2
	head -c 4000 "$out" >&2
	if [ -s "$err" ]; then
		printf -- '--- stderr of the run:\n' >&2
		head -c 4000 "$err" >&2
	fi
	printf '%s: command: (cd %s && %s %s' "$me" "$set_dir" "$runner" "$binary" >&2
	for arg in "$@"; do printf " '%s'" "$arg" >&2; done
	printf ')\n%s: the plan set is kept in %s\n' "$me" "$set_dir" >&2
	exit 1
fi
exit 0
