#!/usr/bin/env bash
# End-to-end tests of `plan-report site` on copies of a plan set (outside
# git, so the footer's source line is stable): golden pages, the same bytes
# twice, stale pages gone after a rebuild, the folders it refuses, the
# refusal for personal data, x-publish, and hostile plan text and ids.
#
#   site.sh PLAN_REPORT SETS_DIR EXPECTED_DIR
# BLESS=1 rewrites the golden pages under EXPECTED_DIR/site/.
set -u
bin=$1 sets=$2 expected=$3/site
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok: $*"; }

cp -r "$sets/full" "$work/plans"
export PLAN_LANG=sv
unset LANG LC_ALL LC_MESSAGES

# 1. The site of the test set, and golden pages.
"$bin" site -o "$work/site" "$work/plans" 2>"$work/err" || fail "build exited $? ($(cat "$work/err"))"
for page in index.html mal/KF-1.html org/bun.html org/bun/utbk.html sok.html; do
  if [ -n "${BLESS:-}" ]; then
    mkdir -p "$(dirname "$expected/$page")" && cp "$work/site/$page" "$expected/$page"
  elif cmp -s "$work/site/$page" "$expected/$page"; then
    ok "golden $page"
  else
    fail "golden $page differs:"; diff -u "$expected/$page" "$work/site/$page" | head -40
  fi
done
[ -f "$work/site/.plan-site" ] && ok "marker written" || fail "no $PLAN_SITE_MARKER"
# A sentence whose {1} was never filled in is a message used in the wrong place.
if grep -rlF "{1}" "$work/site" --include='*.html' >/dev/null; then
  fail "an unfilled placeholder: $(grep -rlF "{1}" "$work/site" --include='*.html' | head -3)"
else
  ok "no unfilled placeholder"
fi
# A bolag's goal through its ägardirektiv is among the boards' goals of the
# fullmäktigemål, with the direktivmål named.
grep -q 'SBO-1.*genom direktivmålet.*AD-SBO-1' "$work/site/mal/KF-3.html" \
  && ok "a bolag's goal is listed through its direktivmål" || fail "KF-3 lacks SBO-1 through AD-SBO-1"
# Plan text that is markup is shown, never run.
if grep -rq "<script>alert" "$work/site"; then fail "plan text reached a page as markup"; else ok "markup escaped"; fi
grep -rq "&lt;script&gt;alert" "$work/site/mal" && ok "markup shown escaped" || fail "escaped markup missing"
# A page's <title> is text: markup there would be shown as written.
if grep -rlE '<title>[^<]*<[a-z]' "$work/site" --include='*.html' | grep -q .; then
  fail "markup in a <title>: $(grep -rlE '<title>[^<]*<[a-z]' "$work/site" --include='*.html' | head -3)"
else
  ok "titles are text"
fi
# Nothing refers outside the site.
if grep -rEq '(href|src)="(https?:|//|/)' "$work/site"; then
  fail "a page refers outside the site: $(grep -rEo '(href|src)="(https?:|//|/)[^"]*' "$work/site" | head -3)"
else
  ok "no address outside the site"
fi

# 2. The same input gives the same bytes.
"$bin" site -o "$work/again" "$work/plans" 2>/dev/null
diff -r "$work/site" "$work/again" >/dev/null && ok "deterministic" || fail "two builds differ"

# 3. A rebuild replaces the folder: a page the plan set no longer has is gone.
echo stale >"$work/site/mal/KF-99.html"
"$bin" site -o "$work/site" "$work/plans" 2>/dev/null || fail "rebuild exited $?"
[ ! -e "$work/site/mal/KF-99.html" ] && ok "stale page removed" || fail "stale page kept"
# Removing the old site never follows a link out of it.
mkdir -p "$work/outside/deep" && echo keep >"$work/outside/deep/file"
ln -s "$work/outside" "$work/site/org/link" && ln -s "$work/outside/deep/file" "$work/site/file-link"
mkdir -p "$work/site/org/extra/a/b" && echo x >"$work/site/org/extra/a/b/c.html"
"$bin" site -o "$work/site" "$work/plans" 2>/dev/null || fail "rebuild with links exited $?"
[ -f "$work/outside/deep/file" ] && [ ! -e "$work/site/org/link" ] && [ ! -e "$work/site/org/extra" ] \
  && ok "old site removed without following links" || fail "links in the old site: $(ls -R "$work/outside" 2>&1 | head -3)"
leftovers=$(find "$work" -maxdepth 1 -name '.site.*' | wc -l)
[ "$leftovers" -eq 0 ] && ok "no temporary folders left" || fail "$leftovers temporary folders left"

# 4. Folders it refuses, leaving them as they were.
mkdir "$work/mine" && echo keep >"$work/mine/notes.txt"
"$bin" site -o "$work/mine" "$work/plans" 2>"$work/err"; rc=$?
[ $rc -eq 2 ] && grep -q "plan-site" "$work/err" && [ -f "$work/mine/notes.txt" ] \
  && ok "a folder that is no site is refused (2)" || fail "non-site folder: exit $rc, $(cat "$work/err")"
"$bin" site -o "$work/plans/site" "$work/plans" 2>"$work/err"; rc=$?
[ $rc -eq 2 ] && [ ! -e "$work/plans/site" ] && grep -q "i planuppsättningen" "$work/err" \
  && ok "inside the plan set refused (2)" || fail "inside: exit $rc, $(cat "$work/err")"
"$bin" site -o "$work" "$work/plans" 2>"$work/err"; rc=$?
[ $rc -eq 2 ] && [ -d "$work/plans" ] && ok "a folder holding the plan set refused (2)" || fail "holding: exit $rc"
"$bin" site "$work/plans" 2>"$work/err"; rc=$?
[ $rc -eq 2 ] && grep -q -- "-o MAPP" "$work/err" && ok "-o required (2)" || fail "no -o: exit $rc"
"$bin" --lang en site -o "$work/plans/x" "$work/plans" 2>"$work/err"
grep -q "is inside the plan set" "$work/err" && ok "refusal in English with --lang en" || fail "English: $(cat "$work/err")"

# 5. Personal data: nothing is published, and every place is named.
cp -r "$sets/full" "$work/pd"
sed -i '0,/description: /s//description: Kontakt 19811218-9876, /' "$work/pd/flerarsplan.yaml"
"$bin" site -o "$work/pd-site" "$work/pd" 2>"$work/err"; rc=$?
[ $rc -eq 1 ] && [ ! -e "$work/pd-site" ] && grep -Eq '^plan-report: flerarsplan.yaml:[0-9]+:[0-9]+: ' "$work/err" \
  && ok "personal data refused (1), place named" || fail "personal data: exit $rc, $(cat "$work/err")"

# 6. x- fields: published only when styrmodell's x-publish names them.
cp -r "$sets/full" "$work/x"
sed -i '0,/  - id: KF-1$/s//  - id: KF-1\n    x-kontakt: Kommunledningskontoret\n    x-intern: hemligt/' "$work/x/flerarsplan.yaml"
"$bin" site -o "$work/x-site" "$work/x" 2>/dev/null
grep -q "Kommunledningskontoret" "$work/x-site/mal/KF-1.html" && fail "x- field published without x-publish" || ok "x- fields kept back"
printf 'x-publish: [x-kontakt]\n' >>"$work/x/styrmodell.yaml"
"$bin" site -o "$work/x-site" "$work/x" 2>/dev/null
grep -q "Kommunledningskontoret" "$work/x-site/mal/KF-1.html" && ! grep -q hemligt "$work/x-site/mal/KF-1.html" \
  && ok "x-publish publishes what it names only" || fail "x-publish"

# 7. Hostile ids and text: a file name never leaves its folder, no control
# character reaches a page.
cp -r "$sets/full" "$work/h"
sed -i '0,/  - id: KF-1$/s//  - id: "..\/..\/evil"\n    title: "Ond \\u001b[31m titel"\n    perspective: invanare\n  - id: KF-1/' "$work/h/flerarsplan.yaml"
"$bin" site -o "$work/h-site" "$work/h" 2>/dev/null; rc=$?
[ $rc -eq 0 ] && [ -z "$(find "$work" -maxdepth 2 -name 'evil*')" ] && ls "$work/h-site/mal" | grep -q '^_2e2e2f' \
  && ok "a hostile id becomes a plain file name" || fail "hostile id: exit $rc, $(ls "$work/h-site/mal" 2>&1 | head -3)"
if grep -rlP '[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]' "$work/h-site" >/dev/null; then fail "a control character reached a page"; else ok "no control characters"; fi

echo "$failures failed"
[ $failures -eq 0 ]
