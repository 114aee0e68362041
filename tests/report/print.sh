#!/usr/bin/env bash
# The HTML reports as a reader prints them: each rendered to PDF by headless
# Chromium, then checked with poppler's tools: A4 pages, "N / M" at the foot
# of every page, the contents on the first page, no file path or document id
# there, and the colophon (Om rapporten) with them on the last. The first and
# last page of each are left as PNGs in OUT_DIR for a developer to look at.
# A missing tool fails the test; it never skips.
#
#   print.sh PLAN_REPORT SETS_DIR OUT_DIR
# CHROMIUM names the browser (default: chromium).
set -u
bin=$1 sets=$2 out=$3
browser=${CHROMIUM:-chromium}
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

for tool in "$browser" pdfinfo pdftotext pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "FAIL: $tool is missing (Debian packages chromium, poppler-utils)"
    exit 1
  }
done
rm -rf "$out" && mkdir -p "$out" || exit 1
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
unset LANG LC_ALL LC_MESSAGES PLAN_LANG

# The document ids of the plan set: none of them may be on a first page.
mapfile -t doc_ids < <(grep -rh '^id: ' "$sets/full" --include='*.yaml' | sed 's/^id: *//')
[ "${#doc_ids[@]}" -gt 5 ] && ok "${#doc_ids[@]} document ids to look for" || fail "no document ids found"

# check NAME CONTENTS COLOPHON ARGS...: the report of ARGS (run in sets/full)
# printed; CONTENTS is the contents' heading, COLOPHON the colophon's, and
# the last page must show each of the words in $last_page_has.
check() {
  local name=$1 contents=$2 colophon=$3
  shift 3
  local html=$out/$name.html pdf=$out/$name.pdf
  (cd "$sets/full" && "$bin" "$@" --format html) >"$html" || { fail "$name: plan-report exited $?"; return; }
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --user-data-dir="$profile" \
    --print-to-pdf="$pdf" "file://$html" >"$out/$name.chromium.log" 2>&1
  [ -s "$pdf" ] || { fail "$name: no PDF ($(tail -3 "$out/$name.chromium.log"))"; return; }
  local info pages size
  info=$(pdfinfo "$pdf")
  pages=$(sed -n 's/^Pages: *//p' <<<"$info")
  size=$(sed -n 's/^Page size: *//p' <<<"$info")
  # A4 is 595 x 842 pt; Chromium writes 594.96 x 841.92.
  if awk -v s="$size" 'BEGIN { split(s, a, " "); exit !(a[1] > 594 && a[1] < 596 && a[3] > 841 && a[3] < 843) }'; then
    ok "$name: A4 ($size), $pages pages"
  else
    fail "$name: page size $size, not A4"
  fi
  [ "${pages:-0}" -ge 2 ] || { fail "$name: $pages pages; the checks need two or more"; return; }
  local p text missing=0
  for ((p = 1; p <= pages; p++)); do
    text=$(pdftotext -f "$p" -l "$p" -layout "$pdf" -)
    grep -Eq "(^|[^0-9])$p */ *$pages([^0-9]|$)" <<<"$text" || { missing=1; fail "$name: page $p has no \"$p / $pages\""; }
  done
  [ "$missing" -eq 0 ] && ok "$name: every page numbered \"N / $pages\""
  local first last
  first=$(pdftotext -f 1 -l 1 "$pdf" -)
  last=$(pdftotext -f "$pages" -l "$pages" "$pdf" -)
  grep -q "$contents" <<<"$first" && grep -q "$colophon" <<<"$first" \
    && ok "$name: the contents on page 1, with $colophon" || fail "$name: no contents ($contents) on page 1"
  # Every section in the contents: each <h2> of the HTML is an entry.
  local h2 absent=0
  while IFS= read -r h2; do
    grep -qF "$h2" <<<"$(tr '\n' ' ' <<<"$first" | tr -s ' ')" || { absent=1; fail "$name: '$h2' not in the contents"; }
  done < <(grep -o '<li><a href="#[^"]*">[^<]*' "$html" | sed 's/.*">//' | cut -c1-30)
  [ "$absent" -eq 0 ] && ok "$name: every section in the contents"
  # A plan file, the Kolada file, or the HTML file's own address (which
  # Chromium's default footer would print).
  if grep -Eq '[A-Za-z0-9_-]+\.(yaml|yml|json|html)|file:/' <<<"$first"; then
    fail "$name: a file path on page 1: $(grep -Eo '[A-Za-z0-9_/.:-]+\.(yaml|yml|json|html)|file:/' <<<"$first" | head -1)"
  else
    ok "$name: no file path on page 1"
  fi
  local id seen=""
  for id in "${doc_ids[@]}"; do
    grep -qw -- "$id" <<<"$first" && seen="$seen $id"
  done
  [ -z "$seen" ] && ok "$name: no document id on page 1" || fail "$name: document ids on page 1:$seen"
  local word
  for word in "$colophon" "${last_page_has[@]}"; do
    grep -qF -- "$word" <<<"$last" && ok "$name: last page has '$word'" || fail "$name: '$word' not on the last page"
  done
  pdftoppm -png -r 60 -f 1 -l 1 "$pdf" "$out/$name-first"
  pdftoppm -png -r 60 -f "$pages" -l "$pages" "$pdf" "$out/$name-last"
}

last_page_has=(DR1-2026-KOMMUN uppfoljning/2026/dr1-kommun.yaml "Underlag:")
check followup Innehåll "Om rapporten" followup --period dr1 --year 2026
last_page_has=(AR-2026-KOMMUN "Source:")
check followup-en Contents "About this report" followup --period ar --year 2026 --lang en
last_page_has=(../../kolada.json "Underlag:")
check kpis Innehåll "Om rapporten" kpis --kolada ../../kolada.json
last_page_has=("Underlag:")
check plan Innehåll "Om rapporten" plan

# The KPI chart names each KPI as well as its id (the chart is SVG text,
# so it is in the PDF's text too): on the page with the chart's title, the
# id and, under it, the start of the name.
chart_page=$(for ((p = 1; p <= 10; p++)); do
  pdftotext -f "$p" -l "$p" "$out/kpis.pdf" - 2>/dev/null | grep -q "utfall mot målvärde" && { echo "$p"; break; }
done)
if [ -n "$chart_page" ] && pdftotext -f "$chart_page" -l "$chart_page" -layout "$out/kpis.pdf" - |
    grep -A1 'NT-KLK-3' | grep -q 'Antal medarbetare per chef'; then
  ok "kpis: the chart labels NT-KLK-3 with its name"
else
  fail "kpis: the chart on page ${chart_page:-?} has no name under NT-KLK-3"
fi

echo "PNGs of the first and last pages: $out/*-first-*.png, $out/*-last-*.png"
[ "$failures" -eq 0 ] || { echo "$failures failure(s)"; exit 1; }
