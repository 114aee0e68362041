#!/bin/sh
# run.sh: run one end-to-end case of a plan-tools binary and compare it with
# what is expected.
#
# Usage: run.sh BINARY WORKDIR EXPECTED EXPECTED_EXIT [ARGS...]
#
#   BINARY         the binary to run (made absolute before the cd)
#   WORKDIR        the directory to run it in (relative to the current one)
#   EXPECTED       the file stdout must equal, or '-' to skip the comparison
#   EXPECTED_EXIT  the exit status it must return
#
# Before the comparison every occurrence of the real path of the test plan
# sets (tests/e2e/sets, or $E2E_SETS), in its raw, percent-encoded (SARIF URIs)
# and JSON-escaped forms, is replaced by the literal <SETS>, so that expected
# files hold no machine's absolute paths.
#
# Optional environment:
#   EXPECT_STDERR_GREP  a fixed string stderr must contain; when unset, stderr
#                       must be empty
#   EXPECT_STDOUT_GREP  a fixed string stdout must contain
#   E2E_OUTPUT_FILE     compare this file (the binary's -o target) with
#                       EXPECTED instead of stdout, which must then be empty;
#                       it is seeded with stale text first, so the test also
#                       checks that it is replaced
#   E2E_ABSENT_FILE     this file must not exist after the run, and the
#                       listing of its directory must not change (no
#                       leftover temporary file either)
#   E2E_TMPDIR          where temporary files go (default: $TMPDIR or /tmp)
set -eu

me=$(basename "$0")
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

script_dir=$(cd "$(dirname "$0")" && pwd -P)
sets=$(cd "${E2E_SETS:-$script_dir/sets}" && pwd -P)

tmp_base=${E2E_TMPDIR:-${TMPDIR:-/tmp}}
tmp=$(mktemp -d "$tmp_base/plan-e2e.XXXXXX") || fail "cannot create a temporary directory in '$tmp_base'"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

if [ -n "${E2E_OUTPUT_FILE:-}" ]; then
	E2E_OUTPUT_FILE=$(absolute "$E2E_OUTPUT_FILE")
	printf 'stale content that the run must replace\n' >"$E2E_OUTPUT_FILE"
fi
absent_listing=
if [ -n "${E2E_ABSENT_FILE:-}" ]; then
	E2E_ABSENT_FILE=$(absolute "$E2E_ABSENT_FILE")
	rm -f "$E2E_ABSENT_FILE"
	absent_dir=$(dirname "$E2E_ABSENT_FILE")
	absent_listing=$(ls -a "$absent_dir")
fi

# Run it. A non-zero status must not stop the script (set -e).
status=0
(cd "$workdir" && exec "$binary" "$@") >"$tmp/stdout" 2>"$tmp/stderr" || status=$?

show_stderr() {
	if [ -s "$tmp/stderr" ]; then
		printf -- '--- stderr of the run:\n' >&2
		cat "$tmp/stderr" >&2
	fi
}

# Replace the sets path, literally (no regular expressions), in its three
# forms. LC_ALL=C makes awk work on bytes, whatever the output holds.
normalise() {
	E2E_FROM=$sets LC_ALL=C awk '
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
		from = ENVIRON["E2E_FROM"]
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
	}
	{
		line = literal($0, from, "<SETS>")
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

if [ -n "${E2E_OUTPUT_FILE:-}" ]; then
	actual_source=$E2E_OUTPUT_FILE
	if [ -s "$tmp/stdout" ]; then
		problem "stdout is not empty although the result went to -o '$E2E_OUTPUT_FILE'"
	fi
	if [ ! -f "$E2E_OUTPUT_FILE" ]; then
		problem "the -o file '$E2E_OUTPUT_FILE' was not written"
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
	if ! diff -u "$expected" "$tmp/actual" >"$tmp/diff"; then
		problem "output differs from $expected (--- expected, +++ actual):"
		cat "$tmp/diff" >&2
	fi
fi

if [ "$status" != "$expected_exit" ]; then
	problem "exit status $status, expected $expected_exit"
fi

if [ -n "${EXPECT_STDERR_GREP:-}" ]; then
	if ! grep -F -e "$EXPECT_STDERR_GREP" "$tmp/stderr" >/dev/null; then
		problem "stderr does not contain '$EXPECT_STDERR_GREP'"
	fi
elif [ -s "$tmp/stderr" ]; then
	problem "stderr is not empty"
fi

if [ -n "${EXPECT_STDOUT_GREP:-}" ]; then
	if ! grep -F -e "$EXPECT_STDOUT_GREP" "$tmp/stdout" >/dev/null; then
		problem "stdout does not contain '$EXPECT_STDOUT_GREP'"
	fi
fi

if [ -n "${E2E_ABSENT_FILE:-}" ]; then
	if [ -e "$E2E_ABSENT_FILE" ]; then
		problem "'$E2E_ABSENT_FILE' exists after the run; it must not be written"
	fi
	if [ "$(ls -a "$absent_dir")" != "$absent_listing" ]; then
		problem "the listing of '$absent_dir' changed during the run (a leftover file?)"
	fi
fi

if [ "$problems" -gt 0 ]; then
	show_stderr
	printf '%s: command: (cd %s && %s' "$me" "$workdir" "$binary" >&2
	for arg in "$@"; do printf " '%s'" "$arg" >&2; done
	printf ')\n' >&2
	exit 1
fi
exit 0
