#!/usr/bin/env node
// browser.mjs DIR SHOTS_DIR: the website that `plan-report site -o DIR`
// writes, in a real browser (Debian's Chromium driven by playwright-core),
// opened as files (file://), the way a reader opens a copy of the folder.
//
//   axe        index.html, the first goal page (mal/*.html, sorted) and
//              sok.html have no WCAG 2.1 A/AA violations (axe-core)
//   errors     none of them throws, logs an error or asks for anything but
//              a file of the site
//   shots      full-page screenshots at 1280 px (index.png, goal.png,
//              search.png) and 390 px (index-mobile.png) in SHOTS_DIR; at
//              390 px the start page does not scroll sideways
//   search     sok.html?q=<first goal's id> shows that goal and fewer items
//              than all, exactly those of PLAN_SEARCH whose id or title holds
//              the query (any case); typing a query that matches nothing into
//              #q shows none and changes #count
//   keyboard   the first Tab on index.html lands on a visible skip link to
//              #main with a visible focus outline
//   no-js      with JavaScript off, sok.html lists every item
//
// Chromium is /usr/bin/chromium, or PLAN_CHROMIUM. Nothing is skipped: no
// browser or no node_modules is a failure. Exit 0 when every check passes, 1
// when one fails, 2 on a usage error.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const NPM_HINT = 'run: npm ci --prefix tests/site';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const NO_MATCH = 'zzzqqq';
const WAIT_MS = 5000;

function usage(message) {
  process.stderr.write(`browser.mjs: ${message}\nUsage: node browser.mjs DIR SHOTS_DIR\n`);
  process.exit(2);
}

function fatal(message) {
  process.stdout.write(`FAIL setup: ${message}\nbrowser: 0 passed, 1 failed\n`);
  process.exit(1);
}

const args = process.argv.slice(2);
if (args.length !== 2) usage('expected DIR and SHOTS_DIR');
const root = path.resolve(args[0]);
const shots = path.resolve(args[1]);
if (!fs.existsSync(path.join(root, 'index.html'))) usage(`'${args[0]}' has no index.html`);

// --- what the run needs ------------------------------------------------------------

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  fatal(`playwright-core cannot be loaded from ${path.join(HERE, 'node_modules')} (${error.code ?? error.message}); ${NPM_HINT}`);
}
const axePath = path.join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
if (!fs.existsSync(axePath)) fatal(`${axePath} is missing; ${NPM_HINT}`);
const axeSource = fs.readFileSync(axePath, 'utf8');

const executablePath = process.env.PLAN_CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(executablePath)) {
  fatal(`no Chromium at ${executablePath} (Debian: apt-get install chromium; or set PLAN_CHROMIUM)`);
}

const goalDir = path.join(root, 'mal');
const goals = fs.existsSync(goalDir)
  ? fs.readdirSync(goalDir).filter((f) => f.endsWith('.html')).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  : [];

// PLAN_SEARCH, read as the browser reads it.
let planSearch = null;
try {
  const context = {};
  vm.runInNewContext(fs.readFileSync(path.join(root, 'search-index.js'), 'utf8'), context, { timeout: 5000 });
  planSearch = Array.isArray(context.PLAN_SEARCH) ? context.PLAN_SEARCH : null;
} catch {
  planSearch = null;
}

fs.mkdirSync(shots, { recursive: true });
const fileUrl = (relative) => pathToFileURL(path.join(root, relative)).href;

// --- the checks ----------------------------------------------------------------------

const results = [];
// One PASS or FAIL line per check, then what went wrong, then its notes.
function record(name, problems, notes = []) {
  const ok = problems.length === 0;
  results.push(ok);
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'} ${name}\n`);
  for (const p of problems) process.stdout.write(`    ${p.split('\n').join('\n    ')}\n`);
  for (const n of notes) process.stdout.write(`    (${n})\n`);
}
async function check(name, body) {
  const problems = [];
  const notes = [];
  try {
    await body(problems, (n) => notes.push(n));
  } catch (error) {
    problems.push(`${error.name ?? 'Error'}: ${String(error.message ?? error).split('\n')[0]}`);
  }
  record(name, problems, notes);
}

// A page that notes what goes wrong on it: a script error, an error on the
// console, or a request for anything that is not a file of the site.
async function openPage(context, url, problems, viewport = { width: 1280, height: 800 }) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  page.setDefaultTimeout(10000);
  // Nothing leaves the machine: a request for the network is noted (below)
  // and answered with an error.
  await page.route(/^(https?|wss?|ftp):/i, (route) => route.abort('blockedbyclient'));
  const rootUrl = pathToFileURL(root).href;
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('request', (request) => {
    const u = request.url();
    if (!(u === rootUrl || u.startsWith(`${rootUrl}/`)) && !u.startsWith('data:') && u !== 'about:blank') {
      problems.push(`request outside the site: ${u}`);
    }
  });
  page.on('requestfailed', (request) => {
    if (request.url().startsWith(rootUrl)) problems.push(`failed to load ${request.url()}: ${request.failure()?.errorText}`);
  });
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

async function runAxe(page) {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    // preload: false, since axe would fetch the style sheets to read them
    // and a file:// page may not (its origin is opaque); the one rule that
    // reads them (css-orientation-lock) then reports nothing.
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], preload: false,
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      url: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  }, AXE_TAGS);
}

function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 8).map((n) => `  ${n.target}${n.summary ? `\n    ${n.summary.split('\n').slice(1).join(' ').trim()}` : ''}`);
    const more = v.nodes.length > 8 ? [`  ... and ${v.nodes.length - 8} more`] : [];
    return [`${v.id} (${v.impact}): ${v.help} [${v.nodes.length}]`, ...nodes, ...more].join('\n');
  });
}

// The items of #results: href, text, whether they are shown.
const listItems = (page) => page.$$eval('#results li', (items) => items.map((li) => {
  const a = li.querySelector('a');
  const visible = li.checkVisibility ? li.checkVisibility() : li.offsetParent !== null;
  const linkVisible = a ? (a.checkVisibility ? a.checkVisibility() : a.offsetParent !== null) : false;
  return { href: a ? a.getAttribute('href') : null, text: li.textContent.trim(), visible: visible && linkVisible };
}));

let browser;
try {
  browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    timeout: 30000,
  });
} catch (error) {
  fatal(`Chromium (${executablePath}) cannot be launched: ${String(error.message).split('\n')[0]}`);
}

try {
  const context = await browser.newContext({ locale: 'sv-SE', reducedMotion: 'reduce' });
  const pages = [['index.html', 'index.png'], ...(goals.length ? [[`mal/${goals[0]}`, 'goal.png']] : []), ['sok.html', 'search.png']];
  if (!goals.length) record('goal page: mal/*.html', ['no goal pages in mal/']);

  for (const [relative, shot] of pages) {
    await check(`axe ${relative}`, async (problems) => {
      const page = await openPage(context, fileUrl(relative), problems);
      const violations = await runAxe(page);
      problems.push(...describeViolations(violations));
      await page.screenshot({ path: path.join(shots, shot), fullPage: true });
      await page.close();
    });
  }

  await check('index.html at 390 px (index-mobile.png)', async (problems) => {
    const page = await openPage(context, fileUrl('index.html'), problems, { width: 390, height: 844 });
    await page.screenshot({ path: path.join(shots, 'index-mobile.png'), fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) problems.push(`the page is ${width} px wide at a 390 px viewport: it scrolls sideways`);
    await page.close();
  });

  await check('search: sok.html?q=<goal id>, then a query that matches nothing', async (problems, note) => {
    if (!goals.length) throw new Error('no goal page to search for');
    if (!planSearch) throw new Error('search-index.js does not set PLAN_SEARCH to an array');
    const id = goals[0].replace(/\.html$/, '');
    const page = await openPage(context, `${fileUrl('sok.html')}?q=${encodeURIComponent(id)}`, problems);
    const count = page.locator('#count');
    if ((await count.count()) !== 1) problems.push('no element with id="count"');
    else if ((await count.getAttribute('aria-live')) !== 'polite') problems.push('#count has no aria-live="polite"');

    const total = (await listItems(page)).length;
    if (total === 0) throw new Error('#results has no items');
    const q = id.toLowerCase();
    // PLAN_SEARCH[k] is [id, title] of the list's item k.
    const all = await listItems(page);
    const expected = new Set(planSearch
      .map((e, k) => [e, all[k] ? all[k].href : null])
      .filter(([e]) => String(e[0]).toLowerCase().includes(q) || String(e[1]).toLowerCase().includes(q))
      .map(([, href]) => href));
    try {
      await page.waitForFunction(() => {
        const items = [...document.querySelectorAll('#results li')];
        return items.some((li) => !li.checkVisibility());
      }, null, { timeout: WAIT_MS });
    } catch {
      problems.push(`?q=${id}: all ${total} items still shown after ${WAIT_MS} ms`);
    }
    const items = await listItems(page);
    const shown = items.filter((i) => i.visible);
    if (!shown.some((i) => i.href && i.href.endsWith(`mal/${id}.html`))) problems.push(`?q=${id}: no visible link to mal/${id}.html`);
    if (shown.length >= total) problems.push(`?q=${id}: ${shown.length} of ${total} items shown, expected fewer`);
    const shownHrefs = new Set(shown.map((i) => i.href));
    const missing = [...expected].filter((u) => !shownHrefs.has(u));
    const extra = [...shownHrefs].filter((u) => !expected.has(u));
    if (missing.length) problems.push(`?q=${id}: not shown, though id or title matches: ${missing.join(', ')}`);
    if (extra.length) problems.push(`?q=${id}: shown, though neither id nor title matches: ${extra.join(', ')}`);
    const before = ((await count.count()) ? await count.textContent() : '').trim();
    if (!before) problems.push(`?q=${id}: #count is empty`);

    // The input's live value, in the other case: the same items.
    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially(id.toLowerCase());
    await page.waitForTimeout(300);
    const lower = new Set((await listItems(page)).filter((i) => i.visible).map((i) => i.href));
    if (lower.size !== shownHrefs.size || [...lower].some((h) => !shownHrefs.has(h))) {
      problems.push(`typing "${id.toLowerCase()}" shows ${lower.size} items, ?q=${id} showed ${shownHrefs.size}: the search is not case-insensitive`);
    }

    await page.locator('#q').fill('');
    await page.locator('#q').pressSequentially(NO_MATCH);
    try {
      await page.waitForFunction(() => [...document.querySelectorAll('#results li')].every((li) => !li.checkVisibility()),
        null, { timeout: WAIT_MS });
    } catch {
      const still = (await listItems(page)).filter((i) => i.visible).length;
      problems.push(`typing "${NO_MATCH}": ${still} items still shown, expected none`);
    }
    const after = ((await count.count()) ? await count.textContent() : '').trim();
    if (after === before) problems.push(`typing "${NO_MATCH}": #count still says "${after}"`);
    else if (!after) problems.push(`typing "${NO_MATCH}": #count is empty`);
    note(`#count: "${before}" -> "${after}"`);
    await page.close();
  });

  await check('keyboard: the first Tab on index.html reaches a visible skip link to #main', async (problems, note) => {
    const page = await openPage(context, fileUrl('index.html'), problems);
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        tag: el.tagName.toLowerCase(),
        href: el.getAttribute('href'),
        text: el.textContent.trim(),
        outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth) || 0,
        focusVisible: el.matches(':focus-visible'),
        inView: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
          && box.left < window.innerWidth && box.top < window.innerHeight,
      };
    });
    if (!focus) throw new Error('Tab focuses nothing');
    note(`focused <${focus.tag} href="${focus.href}">${focus.text}</${focus.tag}>, outline ${focus.outlineStyle} ${focus.outlineWidth}px`);
    if (focus.tag !== 'a' || focus.href === null) problems.push(`the first focused element is <${focus.tag}>, not a link`);
    else if (!focus.href.endsWith('#main')) problems.push(`the first link is to "${focus.href}", not a skip link to #main`);
    if (focus.outlineStyle === 'none' || focus.outlineWidth === 0) problems.push('the focus is not visible: no outline');
    if (!focus.focusVisible) problems.push('the focused link does not match :focus-visible');
    if (!focus.inView) problems.push('the focused link is not on screen');
    await page.screenshot({ path: path.join(shots, 'index-focus.png') });
    if (focus.tag === 'a' && focus.href && focus.href.endsWith('#main')) {
      await page.keyboard.press('Enter');
      const hash = await page.evaluate(() => window.location.hash);
      if (hash !== '#main') problems.push(`Enter on the skip link leads to "${hash}", not #main`);
    }
    await page.close();
  });
  await context.close();

  await check('no-js: sok.html lists every item without JavaScript', async (problems, note) => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await openPage(noJs, fileUrl('sok.html'), problems);
    const items = await listItems(page);
    const shown = items.filter((i) => i.visible);
    if (items.length === 0) problems.push('#results has no items');
    if (shown.length !== items.length) problems.push(`${shown.length} of ${items.length} items shown`);
    if (planSearch) {
      if (items.length !== planSearch.length) problems.push(`${items.length} items listed, PLAN_SEARCH has ${planSearch.length}`);
      // Item k shows the id and title of PLAN_SEARCH[k].
      const missing = planSearch.filter((e, k) => !shown[k] || !shown[k].text.startsWith(e[1] ? `${e[0]} ${e[1]}` : e[0]))
        .map((e) => e[0]);
      if (missing.length) problems.push(`not listed: ${missing.slice(0, 20).join(', ')}${missing.length > 20 ? ', ...' : ''}`);
    }
    note(`${shown.length} of ${items.length} items shown`);
    await noJs.close();
  });
} finally {
  await browser.close();
}

const passed = results.filter(Boolean).length;
const failed = results.length - passed;
process.stdout.write(`screenshots in ${shots}${os.EOL}browser: ${passed} passed, ${failed} failed\n`);
process.exit(failed ? 1 : 0);
