#!/bin/sh
# english-leak.sh: fail when Swedish output of a plan-tools binary holds an
# English word: a message the catalogue does not translate, or an English
# word passed into a Swedish sentence.
#
# Usage: english-leak.sh FILE...
#
# What is not the tools' prose is removed first, since it may be English by
# design: the path and position before "fel:"/"varning:", anything in single
# or double quotes (keys, ids, values, titles), the [rule-id] at the end of a
# line, command names and options (plan-validate, --strict), URLs and paths
# (words with a '/' or '.'), patterns (^...$), YAML keys in examples (a
# lowercase word right before ':', as in {from: 2026}), placeholders in
# capitals (FORMAT, REV), and the names a user types that happen to be
# English words: the limits documents and files, the commands (followup,
# trace, tree, ...).
# What is left is compared,
# as whole words and ignoring case, with the list below: common English words
# that are not also Swedish words (so not "in", "and", "under", "plan").
# Exit status: 0 clean, 1 a leak (each line printed with its English words).
set -eu

[ "$#" -ge 1 ] || {
	printf 'usage: english-leak.sh FILE...\n' >&2
	exit 2
}

LC_ALL=C awk '
BEGIN {
	split("the is are was has have had not of or to with without this that " \
	      "these those there here only every each none empty must should " \
	      "cannot can does did you your mean found missing unknown error " \
	      "errors warning warnings file files line column document documents " \
	      "expected item items goal goals activity activities link links " \
	      "body bodies office offices unit units follow-up followup which " \
	      "than more less between before after where when while because " \
	      "refusing reading read written write too many large allowed value " \
	      "values key keys type list mapping number whole date dates year " \
	      "years due responsible trace traces reach reaches contributes " \
	      "missing needs need given give name names named other same from " \
	      "into onto out its it been being by at on as an also any all " \
	      "no yes nothing something kind level levels perspective " \
	      "perspectives usage options option show shows print prints default " \
	      "help version output formats such like", words, " ")
	for (i in words)
		english[words[i]] = 1
	split("documents files followup trace tree orphans matrix graph diff suspect site", names, " ")
	for (i in names)
		typed[names[i]] = 1
}
{
	line = $0
	# The position prefix of a diagnostic, and the rule id after it.
	sub(/^.*:[0-9]+:[0-9]+: (fel|varning): /, "", line)
	sub(/^[^ ]*: (fel|varning): /, "", line)
	sub(/ \[[a-z0-9-]+\]$/, "", line)
	# Quoted text: keys, ids, values, titles from the plans.
	gsub(/'\''[^'\'']*'\''/, " ", line)
	gsub(/"[^"]*"/, " ", line)
	gsub(/\^[^ ]*\$/, " ", line)
	found = ""
	n = split(line, tokens, /[ \t]+/)
	for (i = 1; i <= n; i++) {
		word = tokens[i]
		if (word ~ /[\/=]/ || word ~ /^[[(]?-/ || word ~ /^plan-/ || word ~ /[a-z]\.[a-z]/)
			continue
		if (word ~ /^[{(]?[a-z_]+:$/ && word !~ /^(error|warning):$/)
			continue
		gsub(/^[^A-Za-z]+|[^A-Za-z-]+$/, "", word)
		if (word ~ /^[A-Z][A-Z]+$/ || word in typed)
			continue
		if (tolower(word) in english)
			found = found (found ? ", " : "") word
	}
	if (found) {
		printf "%s:%d: English (%s): %s\n", FILENAME, FNR, found, $0
		leaks++
	}
}
END { exit leaks > 0 }
' "$@"
