#!/bin/sh
# ci-formats.sh: plan-validate's CI formats (gitlab, junit, tap) on the
# broken, valid and suppressed plan sets and on one full of hostile text
# (quotes, markup, control characters, escape sequences, a file name with
# & < " #), each report checked against the format's published schema or
# grammar (schemas/README.md). Fails when the checking tool is missing:
# python3-jsonschema, xmllint (libxml2-utils) or perl's TAP::Parser.
#
# Usage: ci-formats.sh FORMAT VALIDATE SOURCE_DIR WORK_DIR
set -eu
[ "$#" -eq 4 ] || { echo "usage: ci-formats.sh FORMAT VALIDATE SOURCE_DIR WORK_DIR" >&2; exit 2; }
format=$1 validate=$2 src=$3 work=$4
here=$src/tests/e2e
fail() { echo "ci-formats.sh: FAIL: $*" >&2; exit 1; }

case $format in
gitlab) python3 -c 'import jsonschema' 2>/dev/null ||
	fail "python3-jsonschema is missing (apt-get install python3-jsonschema)" ;;
junit) command -v xmllint >/dev/null || fail "xmllint is missing (apt-get install libxml2-utils)" ;;
tap) perl -MTAP::Parser -e 1 2>/dev/null || fail "perl's TAP::Parser is missing (apt-get install perl)" ;;
*) fail "unknown format $format" ;;
esac

rm -rf "$work" && mkdir -p "$work/hostile"
# The hostile set: the clean base with the escapes of the hostile cases,
# and a file whose name and text XML, JSON and TAP must escape.
cp -R "$src/tests/rules/base/." "$work/hostile/"
(
	cd "$work/hostile"
	HOSTILE_CASE=$src/tests/hostile/cases/escapes-validate-sarif ESCAPES_RAW=1
	export HOSTILE_CASE ESCAPES_RAW
	. "$src/tests/hostile/escapes.sh"
	printf 'kind: "a \\" \x27 <b> & ]]> \\x01 \\x7f \\ufffe # not"\n' >'odd &<"# name.yaml'
)

for set in "$here/sets/broken" "$here/sets/valid" "$here/sets/suppressed" "$work/hostile"; do
	name=$(basename "$set")
	out=$work/$name.$format
	status=0
	(cd "$set" && "$validate" --format "$format" -o "$out") || status=$?
	[ "$status" -le 1 ] || fail "$name: exit status $status"
	(cd "$set" && "$validate" --format json -o "$work/$name.json") || :
	case $format in
	gitlab)
		python3 "$here/ci_check.py" gitlab "$out" "$work/$name.json" "$here/schemas/codeclimate.json" ||
			fail "$name: the gitlab report does not hold" ;;
	junit)
		xmllint --noout --schema "$here/schemas/junit-10.xsd" "$out" ||
			fail "$name: the junit report breaks junit-10.xsd"
		python3 "$here/ci_check.py" junit "$out" "$work/$name.json" - ||
			fail "$name: the junit report's counts do not hold" ;;
	tap)
		failing=$(python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))["diagnostics"]
print(len({x["file"] for x in d if x["severity"] == "error"}))' "$work/$name.json")
		perl "$here/ci_check_tap.pl" "$out" "$failing" ||
			fail "$name: the tap report does not parse as it should" ;;
	esac
	echo "ci-formats.sh: $name: $format holds (exit status $status)"
done
