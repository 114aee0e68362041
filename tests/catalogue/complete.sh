#!/bin/sh
# complete.sh: every message the sources mark for translation has Swedish in
# the catalogue (lib/catalogue/sv/*.po), found as a translator's tools find
# it: xgettext over the C sources, msgcmp against the PO files.
#
# Usage: complete.sh SOURCE_DIR WORK_DIR
#
# The keywords are the toolkit's translation functions and the reporting
# helpers whose format argument is a message (see README, "Languages").
# Messages without a letter ("%s: %s") need no translation and are left out.
# Prints the missing messages and fails; the helpers' own work files stay in
# WORK_DIR for a look.
set -eu

[ "$#" -eq 2 ] || {
	printf 'usage: complete.sh SOURCE_DIR WORK_DIR\n' >&2
	exit 2
}
src=$1
work=$2
for tool in xgettext msgcat msgmerge msgattrib; do
	command -v "$tool" >/dev/null 2>&1 || {
		printf 'complete.sh: %s is missing (Debian package gettext)\n' "$tool" >&2
		exit 1
	}
done
mkdir -p "$work"

cd "$src"
# shellcheck disable=SC2046
LC_ALL=C.utf8 xgettext --from-code=UTF-8 --language=C --no-location \
	-k -kplan_tr:2 -kplan_trc:2c,3 -kplan_ntr:2,3 -kPLAN_N_:1 -kPLAN_NC_:1c,2 \
	-kTR:1 -kNTR:1,2 -kplan_diags_add:7 -kplan_error_set:2 \
	-kplan_source_report:4 -kusage_error:1 \
	-o "$work/all.pot" $(find lib cmd -name '*.c' | LC_ALL=C sort)
sed 's/charset=CHARSET/charset=UTF-8/' "$work/all.pot" >"$work/all.pot.utf8"
mv "$work/all.pot.utf8" "$work/all.pot"
LC_ALL=C.utf8 msgcat --use-first -o "$work/sv.po" lib/catalogue/sv/*.po
# Every msgid of the template must have a translation in sv.po: merged
# without guessing, what stays untranslated is missing.
LC_ALL=C.utf8 msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$work/merged.po" \
	"$work/sv.po" "$work/all.pot"
LC_ALL=C.utf8 msgattrib --untranslated --no-obsolete --no-wrap -o "$work/missing.po" "$work/merged.po"
# A msgid with no letter outside its printf conversions ("%s: %s") is
# not a message to translate.
LC_ALL=C awk '
/^msgid "/ {
	text = substr($0, 8, length($0) - 8)
	words = text
	gsub(/%[-+ #0-9.*$]*(hh|h|ll|l|z|j|t|L)?[a-zA-Z%]/, "", words)
	if (words ~ /[A-Za-z]/)
		print "  \"" text "\""
}' "$work/missing.po" >"$work/missing.txt"
if [ -s "$work/missing.txt" ]; then
	printf 'complete.sh: %s messages without Swedish (add them to a file of lib/catalogue/sv/):\n' \
		"$(wc -l <"$work/missing.txt" | tr -d ' ')" >&2
	cat "$work/missing.txt" >&2
	exit 1
fi
count=$(grep -c '^msgid "[^"]' "$work/all.pot" || true)
printf 'complete.sh: all %s messages have Swedish\n' "$count"
