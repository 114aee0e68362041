#!/bin/sh
# leak.sh: no English in plan-lsp's Swedish: its help, a usage error, and
# every text of a Swedish session (leak.mjs), read by english-leak.sh.
#
# Usage: leak.sh PLAN_LSP SOURCE_DIR WORK_DIR NODE
set -eu
[ "$#" -eq 4 ] || { printf 'usage: leak.sh PLAN_LSP SOURCE_DIR WORK_DIR NODE\n' >&2; exit 2; }
lsp=$1
src=$2
work=$3
node=$4
rm -rf "$work"
mkdir -p "$work"
unset LC_ALL LC_MESSAGES LANG
PLAN_LANG=sv
export PLAN_LANG
"$lsp" --help >"$work/help.out"
"$lsp" --bogus 2>"$work/usage.out" && exit 1
"$lsp" extra 2>>"$work/usage.out" </dev/null && exit 1
"$node" "$src/tests/lsp/leak.mjs" "$lsp" "$src/examples/broken" "$work/session.out"
sh "$src/tests/catalogue/english-leak.sh" "$work/help.out" "$work/usage.out" "$work/session.out"
