#!/usr/bin/env bash
# End-to-end tests of `plan-report export` on copies of a plan set: golden
# CSV files and JSON, every table's columns against the README's column
# dictionary (so a column added, renamed or dropped without documentation
# fails), CSV read back with python3's csv module (strict) and the JSON with
# json, hostile plan text that survives both byte for byte, the same bytes
# twice, -o inside the plan set, the refusals and personal data.
#
#   export.sh PLAN_REPORT SETS_DIR EXPECTED_DIR README
# BLESS=1 rewrites the goldens under EXPECTED_DIR/export/.
set -u
bin=$1 sets=$2 expected=$3/export readme=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }
tables="fullmaktigemal namndmal kontorsmal sarskilda_uppdrag nyckeltal nyckeltal_utfall aktiviteter uppfoljning lankar direktivmal"

cp -r "$sets/full" "$work/plans"
export PLAN_LANG=sv
unset LANG LC_ALL LC_MESSAGES

# 1. Goldens: every CSV file and the JSON.
"$bin" export --format csv -o "$work/csv" "$work/plans" 2>"$work/err" || fail "csv exited $? ($(cat "$work/err"))"
"$bin" export "$work/plans" >"$work/plan.json" 2>"$work/err" || fail "json exited $? ($(cat "$work/err"))"
[ -s "$work/err" ] && fail "stderr not empty: $(cat "$work/err")"
for t in $tables; do
  [ -f "$work/csv/$t.csv" ] || fail "no $t.csv"
done
[ "$(ls "$work/csv" | wc -l)" -eq 10 ] && ok "ten files" || fail "files: $(ls "$work/csv")"
for f in $tables plan; do
  case $f in plan) got=$work/plan.json want=$expected/plan.json ;;
             *) got=$work/csv/$f.csv want=$expected/$f.csv ;; esac
  if [ -n "${BLESS:-}" ]; then
    mkdir -p "$expected" && cp "$got" "$want"
  elif cmp -s "$got" "$want"; then
    ok "golden $(basename "$want")"
  else
    fail "golden $(basename "$want") differs:"; diff -u "$want" "$got" | head -30
  fi
done
# -o DIR with JSON writes DIR/plan.json, the same bytes as standard output.
"$bin" export --format json -o "$work/json" "$work/plans" 2>/dev/null
cmp -s "$work/json/plan.json" "$work/plan.json" && ok "-o DIR json = stdout" || fail "DIR/plan.json differs from stdout"

# 2. The columns are the README's column dictionary, table by table.
python3 - "$readme" "$work/csv" "$work/plan.json" $tables <<'PY' && ok "columns match the README" || fail "columns and README differ"
import csv, json, re, sys
readme, folder, js, tables = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
text = open(readme, encoding="utf-8").read()
m = re.search(r"<!-- export-columns -->\n(.*?)<!-- /export-columns -->", text, re.S)
if not m:
    sys.exit("README has no column dictionary")
doc = {}
types = {"id", "ids", "text", "integer", "number", "boolean", "date"}
for line in m.group(1).splitlines()[2:]:
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) != 5 or not all(cells):
        sys.exit("README: a row without table, column, type and both meanings: " + line)
    if cells[2] not in types:
        sys.exit("README: unknown type " + cells[2])
    doc.setdefault(cells[0], []).append(cells[1])
bad = 0
if list(doc) != tables:
    print("README tables:", list(doc), "expected:", tables); bad = 1
data = json.load(open(js, encoding="utf-8"))
if list(data["tables"]) != tables:
    print("JSON tables:", list(data["tables"])); bad = 1
for t in tables:
    with open(f"{folder}/{t}.csv", newline="", encoding="utf-8") as f:
        header = next(csv.reader(f, strict=True))
    if header != doc.get(t):
        print(f"{t}.csv header {header}\n  README     {doc.get(t)}"); bad = 1
    for row in data["tables"][t]:
        if list(row) != header:
            print(f"JSON {t} keys {list(row)}"); bad = 1; break
sys.exit(bad)
PY

# 3. Hostile plan text: quotes, commas, line breaks, CR, tabs and control
# characters in titles; the CSV stays strict RFC 4180 and both formats give
# the text back as written.
cp -r "$sets/full" "$work/h"
sed -i '0,/    title: Alla barn och unga lyckas i skolan/s//    title: "Citat \\"x\\", komma, ny\\nrad, cr\\r\\nlf, tab\\t, esc \\u001b[31m, bell \\u0007 och ; slut "/' "$work/h/flerarsplan.yaml"
sed -i '0,/    title: Invånarna är nöjda med kommunens service/s//    title: "\\"bara citat\\""/' "$work/h/flerarsplan.yaml"
"$bin" export --format csv -o "$work/hcsv" "$work/h" 2>"$work/err" || fail "hostile csv exited $? ($(cat "$work/err"))"
"$bin" export "$work/h" >"$work/h.json" 2>>"$work/err" || fail "hostile json exited $?"
python3 - "$work/hcsv" "$work/h.json" $tables <<'PY' && ok "hostile text: strict CSV and JSON, text intact" || fail "hostile text broke the CSV or JSON"
import csv, json, sys
folder, js, tables = sys.argv[1], sys.argv[2], sys.argv[3:]
want = {"KF-1": 'Citat "x", komma, ny\nrad, cr\r\nlf, tab\t, esc \x1b[31m, bell \x07 och ; slut ',
        "KF-2": '"bara citat"'}
bad = 0
for t in tables:
    raw = open(f"{folder}/{t}.csv", "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        print(t, "has a BOM"); bad = 1
    raw.decode("utf-8")
    with open(f"{folder}/{t}.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    if any(len(r) != len(rows[0]) for r in rows):
        print(t, "rows of different lengths"); bad = 1
    # Every record ends with CRLF: the bytes outside quoted fields.
    quoted = False
    for i, b in enumerate(raw):
        if b == 0x22:
            quoted = not quoted
        elif b == 0x0a and not quoted and (i == 0 or raw[i - 1] != 0x0d):
            print(t, "a bare LF ends a record"); bad = 1; break
    if not raw.endswith(b"\r\n"):
        print(t, "does not end with CRLF"); bad = 1
with open(f"{folder}/fullmaktigemal.csv", newline="", encoding="utf-8") as f:
    got = {r["id"]: r["titel"] for r in csv.DictReader(f, strict=True)}
data = json.load(open(js, encoding="utf-8"))
jgot = {r["id"]: r["titel"] for r in data["tables"]["fullmaktigemal"]}
for k, v in want.items():
    if got.get(k) != v:
        print("CSV", k, repr(got.get(k))); bad = 1
    if jgot.get(k) != v:
        print("JSON", k, repr(jgot.get(k))); bad = 1
sys.exit(bad)
PY

# 4. The same input gives the same bytes.
"$bin" export --format csv -o "$work/again" "$work/plans" 2>/dev/null
diff -r "$work/csv" "$work/again" >/dev/null && ok "deterministic" || fail "two exports differ"
# A second export into the same folder replaces the tables, keeps other files.
echo keep >"$work/csv/README.txt"
"$bin" export --format csv -o "$work/csv" "$work/plans" 2>/dev/null || fail "re-export exited $?"
[ -f "$work/csv/README.txt" ] && diff -r -x README.txt "$work/csv" "$work/again" >/dev/null \
  && ok "re-export replaces tables, keeps other files" || fail "re-export"

# 5. -o inside the plan set: CSV is nothing the tools read, so it is allowed
# and the set reads the same afterwards.
"$bin" export --format csv -o "$work/plans/oppna-data" "$work/plans" 2>"$work/err" \
  && [ -f "$work/plans/oppna-data/lankar.csv" ] && ok "-o inside the plan set" || fail "-o inside: $(cat "$work/err")"
"$bin" export "$work/plans" 2>/dev/null | cmp -s - "$work/plan.json" && ok "set reads the same after" \
  || fail "the export changed what the set reads"

# 6. Usage errors and failures: exit 2, nothing written.
expect() {   # expect STATUS TEXT ARGS...: exit status and a part of stderr
  local want=$1 text=$2; shift 2
  "$bin" "$@" >"$work/out" 2>"$work/err"; local rc=$?
  if [ "$rc" -eq "$want" ] && grep -qF -- "$text" "$work/err"; then ok "$* -> $rc"
  else fail "$*: exit $rc, stderr $(cat "$work/err")"; fi
}
expect 2 "behöver -o MAPP" export --format csv "$work/plans"
expect 2 "needs -o DIR" export --format csv --lang en "$work/plans"
expect 2 "okänt format 'md' för export" export --format md "$work/plans"
expect 2 "--year" export --year 2026 "$work/plans"
expect 2 "--owner" export --owner bun "$work/plans"
touch "$work/a-file"
expect 2 "kan inte skapa mappen" export --format csv -o "$work/a-file" "$work/plans"
expect 2 "kan inte skapa mappen" export --format csv -o "$work/no/such/dir" "$work/plans"
[ ! -e "$work/no" ] && ok "no parent made" || fail "a parent folder was made"

# 7. Personal data: nothing is exported, the place is named.
cp -r "$sets/full" "$work/pd"
sed -i '0,/description: /s//description: Kontakt 19811218-9876, /' "$work/pd/flerarsplan.yaml"
"$bin" export --format csv -o "$work/pdout" "$work/pd" >"$work/out" 2>"$work/err"; rc=$?
[ "$rc" -eq 1 ] && grep -q "flerarsplan.yaml:" "$work/err" && grep -q "exporten skrivs inte" "$work/err" \
  && [ ! -e "$work/pdout" ] && ok "personal data refused (1)" || fail "personal data: exit $rc, $(cat "$work/err")"
"$bin" export "$work/pd" >"$work/out" 2>/dev/null; rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$work/out" ] && ok "personal data: no JSON" || fail "personal data json: exit $rc"

# 8. The hostile-input cases without a setup script (tests/hostile/cases:
# escapes, aliases, odd ids and text laid over tests/rules/base): export
# never crashes, exits 0, 1 or 2, and what it writes parses.
root=$(dirname "$readme")
for case_dir in "$root"/tests/hostile/cases/*/; do
  [ -f "$case_dir/setup" ] && continue
  name=$(basename "$case_dir")
  rm -rf "$work/hc" "$work/hcout" && cp -R "$root/tests/rules/base" "$work/hc"
  (cd "$case_dir" && find . -type f ! -name binary ! -name args ! -name exit ! -name expected.txt \
     ! -name stdout ! -name absent ! -name stderr ! -name output ! -name tty ! -name unprivileged) |
    while IFS= read -r f; do mkdir -p "$work/hc/$(dirname "$f")" && cp "$case_dir/$f" "$work/hc/$f"; done
  timeout 60 "$bin" export "$work/hc" >"$work/hc.json" 2>/dev/null; rc=$?
  timeout 60 "$bin" export --format csv -o "$work/hcout" "$work/hc" >/dev/null 2>&1; rc2=$?
  if [ "$rc" -gt 2 ] || [ "$rc2" -gt 2 ]; then fail "hostile $name: exit $rc / $rc2"; continue; fi
  if [ "$rc" -eq 0 ] && ! python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$work/hc.json"; then
    fail "hostile $name: invalid JSON"; continue
  fi
  if [ "$rc2" -eq 0 ] && ! python3 - "$work/hcout" <<'PY'
import csv, glob, sys
for p in glob.glob(sys.argv[1] + "/*.csv"):
    with open(p, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, strict=True))
    assert rows and all(len(r) == len(rows[0]) for r in rows), p
PY
  then fail "hostile $name: invalid CSV"; continue; fi
  ok "hostile $name (exit $rc)"
done

[ "$failures" -eq 0 ] && echo "all passed" || echo "$failures failed"
[ "$failures" -eq 0 ]
