#!/bin/sh
# run_case.sh: run one end-to-end case of a plan-tools binary and compare it
# with what is expected. The e2e, link, report and example suites all use it,
# through plan_case() in tests/cases.cmake.
#
# Usage: run_case.sh BINARY WORKDIR EXPECTED EXPECTED_EXIT [ARGS...]
#
#   BINARY         the binary to run (made absolute before the cd)
#   WORKDIR        the directory to run it in (relative to the current one)
#   EXPECTED       the file stdout must equal, or '-' to skip the comparison
#   EXPECTED_EXIT  the exit status it must return
#
# Before the comparison every occurrence of the real path of CASE_SETS, in
# its raw, percent-encoded (SARIF URIs) and JSON-escaped forms, is replaced
# by the literal <SETS>, so that expected files hold no machine's absolute
# paths. Likewise the configured PLAN_HELP_URI (SARIF rules' helpUri) is
# written <HELP_URI>, so the expected files do not depend on the install
# prefix. Stdin is /dev/null.
#
# Environment, the suite's settings:
#   CASE_SETS           the plan sets directory written <SETS> (required)
#   CASE_NAME           the test's name, for messages
#   CASE_SUITE          the suite (e2e, link, report, example)
#   CASE_TMPDIR         where temporary files go (default: $TMPDIR or /tmp)
#   CASE_HELP_URI       the README address rule help links start with,
#                       written <HELP_URI> (optional)
#   CASE_ENV            NAME=VALUE words to put in the environment of the run
#                       (PLAN_LANG, LC_ALL, LC_MESSAGES and LANG are always
#                       removed first, so a case's language is its own)
#   CASE_UNSET          names of variables to remove from the environment of
#                       the run, separated by spaces (e.g. COLUMNS NO_COLOR)
#   CASE_COLUMNS        the value of COLUMNS for the run (after CASE_UNSET)
#   CASE_STDERR_EMPTY   when 1, stderr must be empty unless CASE_STDERR_FILE
#                       or CASE_STDERR_GREP says otherwise; else stderr is
#                       only checked by those two
# Environment, the case's expectations:
#   CASE_STDERR_FILE    the file stderr must equal (after the same rewriting)
#   CASE_STDERR_GREP    a fixed string stderr must contain
#   CASE_STDOUT_GREP    a fixed string stdout must contain
#   CASE_OUTPUT_FILE    compare this file (the binary's -o target, which the
#                       case passes itself) with EXPECTED instead of stdout,
#                       which must then be empty; it is seeded with stale
#                       text first, so the test also checks that it is
#                       replaced
#   CASE_ABSENT_FILE    this file must not exist after the run, and the
#                       listing of its directory must not change (no
#                       leftover temporary file either)
#   PLAN_TEST_CACHE     when "twice", the binary is run twice on one result
#                       cache, cold then warm, and both runs must print the
#                       same (tests/cache_twice.sh); the warm one is compared.
#                       Either way each case has a fresh cache directory of
#                       its own (XDG_CACHE_HOME), never the user's
# Environment, set by hand:
#   BLESS               when not empty, rewrite EXPECTED (and
#                       CASE_STDERR_FILE) from the run where they differ; the
#                       case still fails, so read the diff (git diff) before
#                       keeping it. REPORT_BLESS does the same for the report
#                       suite only.
set -eu

me="run_case.sh${CASE_NAME:+ [$CASE_NAME]}"
fail() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	exit 1
}

[ "$#" -ge 4 ] || {
	printf 'usage: %s BINARY WORKDIR EXPECTED EXPECTED_EXIT [ARGS...]\n' "$me" >&2
	exit 2
}
binary=$1
workdir=$2
expected=$3
expected_exit=$4
shift 4

# Absolute paths for everything named relative to where we were started.
absolute() {
	case "$1" in
	/*) printf '%s\n' "$1" ;;
	*) printf '%s/%s\n' "$(pwd -P)" "$1" ;;
	esac
}
binary=$(absolute "$binary")
[ "$expected" = - ] || expected=$(absolute "$expected")
[ -x "$binary" ] || fail "no executable binary at '$binary'"
[ "$expected" = - ] || [ -f "$expected" ] || fail "no expected file '$expected'"
[ -d "$workdir" ] || fail "no work directory '$workdir'"
stderr_file=${CASE_STDERR_FILE:-}
if [ -n "$stderr_file" ]; then
	stderr_file=$(absolute "$stderr_file")
	[ -f "$stderr_file" ] || fail "no expected stderr file '$stderr_file'"
fi

[ -n "${CASE_SETS:-}" ] || fail "CASE_SETS is not set"
sets=$(cd "$CASE_SETS" && pwd -P) || fail "no sets directory '$CASE_SETS'"

bless=${BLESS:-}
if [ "${CASE_SUITE:-}" = report ] && [ -z "$bless" ]; then
	bless=${REPORT_BLESS:-}
fi

tmp_base=${CASE_TMPDIR:-${TMPDIR:-/tmp}}
tmp=$(mktemp -d "$tmp_base/plan-case.XXXXXX") || fail "cannot create a temporary directory in '$tmp_base'"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

output_file=${CASE_OUTPUT_FILE:-}
if [ -n "$output_file" ]; then
	output_file=$(absolute "$output_file")
	printf 'stale content that the run must replace\n' >"$output_file"
fi
absent_file=${CASE_ABSENT_FILE:-}
absent_dir=
absent_listing=
if [ -n "$absent_file" ]; then
	absent_file=$(absolute "$absent_file")
	rm -f "$absent_file"
	absent_dir=$(dirname "$absent_file")
	absent_listing=$(ls -a "$absent_dir")
fi

# A result cache of the case's own, cold at the start (a case may name
# another with CASE_ENV).
cache_home=$tmp/cache
if [ "${PLAN_TEST_CACHE:-}" = twice ]; then
	binary=$(sh "$(dirname "$0")/cache_wrap.sh" "$tmp/bin" "$binary")
fi

# Run it, in a subshell with the environment the suite asks for. A non-zero
# status must not stop the script (set -e).
status=0
(
	cd "$workdir"
	# The language comes from the case alone, not from whoever runs ctest.
	unset PLAN_LANG LC_ALL LC_MESSAGES LANG
	XDG_CACHE_HOME=$cache_home
	export XDG_CACHE_HOME
	for name in ${CASE_UNSET:-}; do
		unset "$name"
	done
	for assignment in ${CASE_ENV:-}; do
		export "$assignment"
	done
	if [ -n "${CASE_COLUMNS:-}" ]; then
		COLUMNS=$CASE_COLUMNS
		export COLUMNS
	fi
	exec "$binary" "$@"
) >"$tmp/stdout" 2>"$tmp/stderr" </dev/null || status=$?

# Replace the sets path, literally (no regular expressions), in its three
# forms. LC_ALL=C makes awk work on bytes, whatever the output holds.
normalise() {
	CASE_FROM=$sets CASE_HELP=${CASE_HELP_URI:-} LC_ALL=C awk '
	function literal(line, from, to,    out, i) {
		if (from == "")
			return line
		out = ""
		while ((i = index(line, from)) > 0) {
			out = out substr(line, 1, i - 1) to
			line = substr(line, i + length(from))
		}
		return out line
	}
	BEGIN {
		from = ENVIRON["CASE_FROM"]
		for (c = 1; c < 256; c++)
			ord[sprintf("%c", c)] = c
		uri = ""
		for (k = 1; k <= length(from); k++) {
			ch = substr(from, k, 1)
			if (ch ~ /[A-Za-z0-9._~\/-]/)
				uri = uri ch
			else
				uri = uri sprintf("%%%02X", ord[ch])
		}
		json = literal(literal(from, "\\", "\\\\"), "\"", "\\\"")
		help = ENVIRON["CASE_HELP"]
	}
	{
		line = literal(literal($0, help, "<HELP_URI>"), from, "<SETS>")
		if (uri != from)
			line = literal(line, uri, "<SETS>")
		if (json != from)
			line = literal(line, json, "<SETS>")
		print line
	}' "$1"
}

problems=0
problem() {
	printf '%s: FAIL: %s\n' "$me" "$*" >&2
	problems=$((problems + 1))
}

# compare WHAT EXPECTED ACTUAL: diff them, and with BLESS rewrite EXPECTED.
compare() {
	if ! diff -u "$2" "$3" >"$tmp/diff"; then
		problem "$1 differs from $2 (--- expected, +++ actual):"
		cat "$tmp/diff" >&2
		if [ -n "$bless" ]; then
			cp "$3" "$2"
			printf '%s: BLESS: rewrote %s from the run\n' "$me" "$2" >&2
		fi
	fi
}

if [ -n "$output_file" ]; then
	actual_source=$output_file
	if [ -s "$tmp/stdout" ]; then
		problem "stdout is not empty although the result went to -o '$output_file'"
	fi
	if [ ! -f "$output_file" ]; then
		problem "the -o file '$output_file' was not written"
	fi
else
	actual_source=$tmp/stdout
fi

if [ "$expected" != - ] && [ -f "$actual_source" ]; then
	normalise "$actual_source" >"$tmp/actual"
	# awk adds a final newline that may have been missing; check it apart.
	if [ -s "$actual_source" ] && [ -n "$(tail -c 1 "$actual_source")" ]; then
		problem "the output does not end with a newline"
	fi
	compare output "$expected" "$tmp/actual"
fi

if [ "$status" != "$expected_exit" ]; then
	problem "exit status $status, expected $expected_exit"
fi

if [ -n "$stderr_file" ]; then
	normalise "$tmp/stderr" >"$tmp/stderr.actual"
	compare stderr "$stderr_file" "$tmp/stderr.actual"
fi
if [ -n "${CASE_STDERR_GREP:-}" ]; then
	if ! grep -F -e "$CASE_STDERR_GREP" "$tmp/stderr" >/dev/null; then
		problem "stderr does not contain '$CASE_STDERR_GREP'"
	fi
elif [ -z "$stderr_file" ] && [ "${CASE_STDERR_EMPTY:-}" = 1 ] && [ -s "$tmp/stderr" ]; then
	problem "stderr is not empty"
fi

if [ -n "${CASE_STDOUT_GREP:-}" ]; then
	if ! grep -F -e "$CASE_STDOUT_GREP" "$tmp/stdout" >/dev/null; then
		problem "stdout does not contain '$CASE_STDOUT_GREP'"
	fi
fi

if [ -n "$absent_file" ]; then
	if [ -e "$absent_file" ]; then
		problem "'$absent_file' exists after the run; it must not be written"
	fi
	if [ "$(ls -a "$absent_dir")" != "$absent_listing" ]; then
		problem "the listing of '$absent_dir' changed during the run (a leftover file?)"
	fi
fi

if [ "$problems" -gt 0 ]; then
	if [ -s "$tmp/stderr" ]; then
		printf -- '--- stderr of the run:\n' >&2
		cat "$tmp/stderr" >&2
	fi
	printf '%s: command: (cd %s && %s' "$me" "$workdir" "$binary" >&2
	for arg in "$@"; do printf " '%s'" "$arg" >&2; done
	printf ')\n' >&2
	exit 1
fi
exit 0
