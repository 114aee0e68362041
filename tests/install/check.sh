#!/bin/sh
# check.sh: install the build into a temporary prefix, then build a program
# against it twice, through pkg-config and through the CMake package, and run
# both on a plan set. Usage: check.sh BUILD_DIR SOURCE_DIR [EXTRA_CFLAGS]
set -eu
build=$1
source=$2
extra=${3:-}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/plan-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
for f in bin/plan-validate bin/plan-link bin/plan-report bin/plan-lsp lib/libplan.a include/plan/set.h \
         share/man/man1/plan-validate.1 share/man/man1/plan-link.1 share/man/man1/plan-report.1 \
         share/man/man1/plan-lsp.1 \
         share/man/sv/man1/plan-validate.1 share/man/sv/man1/plan-link.1 share/man/sv/man1/plan-report.1 \
         share/man/sv/man1/plan-lsp.1 \
         share/doc/plan-tools/README.md \
         share/bash-completion/completions/plan-link \
         share/bash-completion/completions/plan-lsp \
         lib/pkgconfig/plan-tools.pc lib/cmake/plan-tools/plan-toolsConfig.cmake \
         share/plan-tools/schemas/arbetsplan.schema.json; do
	[ -e "$tmp/prefix/$f" ] || { echo "check.sh: not installed: $f" >&2; exit 1; }
done

# The Swedish page is Swedish, the English one English, and plan-validate's
# lists the rules of the catalogue.
grep -q '^.SH BESKRIVNING' "$tmp/prefix/share/man/sv/man1/plan-validate.1" ||
	{ echo "check.sh: the Swedish man page is not Swedish" >&2; exit 1; }
grep -q '^.SH DESCRIPTION' "$tmp/prefix/share/man/man1/plan-validate.1" ||
	{ echo "check.sh: the English man page is not English" >&2; exit 1; }
grep -q '^.B activity\\-unassigned' "$tmp/prefix/share/man/man1/plan-validate.1" ||
	{ echo "check.sh: the man page has no rules" >&2; exit 1; }
# plan-lsp's pages: its options, in each language; the others name it.
grep -q '^.B \\-\\-stdio' "$tmp/prefix/share/man/man1/plan-lsp.1" &&
	grep -q '^.SH FLAGGOR' "$tmp/prefix/share/man/sv/man1/plan-lsp.1" &&
	grep -q '^.BR plan\\-lsp (1)' "$tmp/prefix/share/man/man1/plan-validate.1" ||
	{ echo "check.sh: plan-lsp's man pages are not as they should be" >&2; exit 1; }

consumer=$source/tests/install/consumer
want="documents"
# pkg-config
PKG_CONFIG_PATH=$tmp/prefix/lib/pkgconfig
export PKG_CONFIG_PATH
# shellcheck disable=SC2046,SC2086
cc -std=c11 $extra -o "$tmp/consumer-pc" "$consumer/main.c" \
	$(pkg-config --cflags --libs --static plan-tools)
"$tmp/consumer-pc" "$source/examples/minimal" | grep -q "$want"

# CMake package
cmake -S "$consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$tmp/prefix" \
	-DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >/dev/null
cmake --build "$tmp/cm" >/dev/null
"$tmp/cm/consumer" "$source/examples/minimal" | grep -q "$want"
echo "check.sh: installed files, pkg-config and CMake package all work"
