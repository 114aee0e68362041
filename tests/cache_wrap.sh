#!/bin/sh
# cache_wrap.sh: for a case runner in the cache mode (PLAN_TEST_CACHE=twice),
# write into DIR one executable per BINARY, of the same name, that runs the
# binary through cache_twice.sh; print each wrapper's path, one a line, in
# the order given. A runner that is not in that mode keeps its binaries.
#
# Usage: cache_wrap.sh DIR BINARY...
set -eu

[ "$#" -ge 2 ] || {
	printf 'usage: cache_wrap.sh DIR BINARY...\n' >&2
	exit 2
}
dir=$1
shift
here=$(cd "$(dirname "$0")" && pwd -P)
mkdir -p "$dir"
for binary in "$@"; do
	wrapper=$dir/$(basename "$binary")
	printf '#!/bin/sh\nexec sh "%s/cache_twice.sh" "%s" "$@"\n' "$here" "$binary" >"$wrapper"
	chmod +x "$wrapper"
	printf '%s\n' "$wrapper"
done
