# cache_setup.sh: what the setups of the cache-* hostile cases share; they
# source it (". "$HOSTILE_CASE/../../cache_setup.sh"). The result cache of a
# run is $XDG_CACHE_HOME/plan-tools (run.sh gives every case its own).

cache=$XDG_CACHE_HOME/plan-tools

# Fill the cache: one run of plan-validate on the set, as the case's will be.
cache_fill() {
	"$HOSTILE_VALIDATE" "$@" >/dev/null 2>&1 </dev/null || true
	[ -n "$(cache_entries)" ] || { echo "cache_setup.sh: the run kept no entry"; exit 1; }
}

# Every file of the cache (its pack, its stat index), one a line.
cache_entries() {
	find "$cache" -type f ! -name '.tmp-*' ! -name trimmed 2>/dev/null | sort
}

# The pack of the run's plan set: the one there is.
cache_pack() {
	pack=$(find "$cache/trees" -name '*.pack' 2>/dev/null)
	[ -n "$pack" ] && [ "$(echo "$pack" | wc -l)" -eq 1 ] ||
		{ echo "cache_setup.sh: not one pack: $pack"; exit 1; }
	echo "$pack"
}
