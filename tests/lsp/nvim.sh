#!/bin/sh
# nvim.sh: a real client: Neovim, headless, runs nvim.lua against plan-lsp
# on a copy of examples/broken, and what it got must be EXPECTED. Fails
# (never skips) when nvim is missing: CI installs Debian's neovim.
#
# Usage: nvim.sh PLAN_LSP SOURCE_DIR EXPECTED
set -eu
[ "$#" -eq 3 ] || { printf 'usage: nvim.sh PLAN_LSP SOURCE_DIR EXPECTED\n' >&2; exit 2; }
lsp=$1
src=$2
expected=$3
command -v nvim >/dev/null 2>&1 || {
	printf 'nvim.sh: nvim is missing (Debian package neovim): this test needs a real client\n' >&2
	exit 1
}
work=$(mktemp -d "${TMPDIR:-/tmp}/plan-lsp-nvim-XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$src/examples/broken" "$work/set"
dir=$(cd "$work/set" && pwd -P)
# No user configuration, no shada, no swap files; HOME and XDG folders of
# its own, so nothing of the machine's Neovim takes part.
HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state \
XDG_CACHE_HOME=$work/cache PLAN_LANG=en PLAN_LSP=$lsp PLAN_DIR=$dir PLAN_OUT=$work/got \
	timeout 120 nvim --headless -u NONE -i NONE -n -c "luafile $src/tests/lsp/nvim.lua" \
	</dev/null >"$work/nvim.log" 2>&1 || {
	status=$?
	printf 'nvim.sh: nvim exited with %s\n' "$status" >&2
	cat "$work/got" "$work/nvim.log" >&2 2>/dev/null || true
	exit 1
}
if [ "${PLAN_UPDATE:-}" = 1 ]; then
	cp "$work/got" "$expected"
fi
diff -u "$expected" "$work/got"
printf 'nvim.sh: Neovim %s got what it should\n' "$(nvim --version | head -n 1)"
