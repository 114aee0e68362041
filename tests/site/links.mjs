#!/usr/bin/env node
// links.mjs DIR: checks every link of the static website that
// `plan-report site -o DIR` writes. Plain Node, no dependencies.
//
// For every .html file under DIR, every href, src, srcset, poster, action and
// formaction value must be a relative URL that resolves to an existing file
// inside DIR, and a #fragment must name an element with that id in the target
// file. Attribute values are HTML-unescaped and percent-decoded first. URLs
// with a scheme (http:, https:, data:, javascript:, mailto:, file: ...), a
// leading // or an absolute path are refused: the site must work from a
// folder or a file share, without the network.
// The url() and @import of style sheets (.css files and <style> elements) are
// checked the same way; search-index.js must hold the id and title of each
// item sok.html lists, in its order. So is the site contract's skeleton: the root files exist, and
// every page has <html lang="sv"|"en"> and a <main id="main">.
//
// Prints each broken link as `file: url: reason` and a summary line; exits 0
// when all is well, 1 on any broken link, 2 on a usage error (no DIR, or DIR
// without index.html).

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';

const ROOT_FILES = ['index.html', 'sok.html', 'style.css', 'search.js', 'search-index.js', '.plan-site'];
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'poster', 'action', 'formaction']);

function usage(message) {
  process.stderr.write(`links.mjs: ${message}\nUsage: node links.mjs DIR\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length !== 1) usage(args.length ? 'expected one DIR' : 'no DIR given');
const root = path.resolve(args[0]);
if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) usage(`'${args[0]}' is not a directory`);
if (!fs.existsSync(path.join(root, 'index.html'))) usage(`'${args[0]}' has no index.html`);

// --- HTML, as far as links need it -------------------------------------------------

const NAMED_ENTITIES = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0',
  auml: 'ä', Auml: 'Ä', aring: 'å', Aring: 'Å', ouml: 'ö', Ouml: 'Ö', eacute: 'é', Eacute: 'É',
  num: '#', percnt: '%', sol: '/', colon: ':', quest: '?', equals: '=', period: '.', lpar: '(', rpar: ')',
};

function unescapeHtml(value) {
  return value.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, name) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    return Object.hasOwn(NAMED_ENTITIES, name) ? NAMED_ENTITIES[name] : whole;
  });
}

// The tags of a document, each with its lower-case name, its attributes
// (lower-case name -> raw value, the first of each name, as HTML reads it) and
// the offset where it starts. Comments, doctypes and the contents of raw-text
// elements (script, style, textarea, title) are skipped; the contents of
// <style> elements are returned apart, for their url()s.
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/y;
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);

function parseTags(html) {
  const tags = [];
  const styles = [];
  let i = 0;
  while ((i = html.indexOf('<', i)) !== -1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html[i + 1] === '!' || html[i + 1] === '?') {
      const end = html.indexOf('>', i);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    const m = /^<\/?([A-Za-z][^\s\/>]*)/.exec(html.slice(i, i + 64));
    if (!m) { i += 1; continue; }
    const closing = html[i + 1] === '/';
    const name = m[1].toLowerCase();
    const start = i;
    let j = i + m[0].length;
    const attributes = new Map();
    for (;;) {
      while (j < html.length && /[\s\/]/.test(html[j])) j += 1;
      if (j >= html.length || html[j] === '>') break;
      ATTRIBUTE.lastIndex = j;
      const a = ATTRIBUTE.exec(html);
      if (!a) { j += 1; continue; }
      const attributeName = a[1].toLowerCase();
      const value = a[2] ?? a[3] ?? a[4] ?? '';
      if (!attributes.has(attributeName)) attributes.set(attributeName, value);
      j = ATTRIBUTE.lastIndex;
    }
    i = j + 1;
    if (closing) continue;
    tags.push({ name, attributes, offset: start });
    if (RAW_TEXT.has(name)) {
      const close = new RegExp(`</${name}[\\s/>]`, 'ig');
      close.lastIndex = i;
      const c = close.exec(html);
      const end = c ? c.index : html.length;
      if (name === 'style') styles.push({ css: html.slice(i, end), offset: i });
      i = end;
    }
  }
  return { tags, styles };
}

function lineOf(text, offset) {
  let line = 1;
  for (let k = 0; k < offset && k < text.length; k += 1) if (text.charCodeAt(k) === 10) line += 1;
  return line;
}

// --- the site's files ----------------------------------------------------------------

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const files = walk(root);
const htmlFiles = files.filter((f) => f.toLowerCase().endsWith('.html') || f.toLowerCase().endsWith('.htm'));
const cssFiles = files.filter((f) => f.toLowerCase().endsWith('.css'));

const idCache = new Map();
function idsOf(file) {
  if (!idCache.has(file)) {
    const ids = new Set();
    for (const tag of parseTags(fs.readFileSync(file, 'utf8')).tags) {
      if (tag.attributes.has('id')) ids.add(unescapeHtml(tag.attributes.get('id')));
    }
    idCache.set(file, ids);
  }
  return idCache.get(file);
}

const problems = [];
let linkCount = 0;
const rel = (file) => path.relative(root, file).split(path.sep).join('/');
const report = (where, url, reason) => problems.push(`${where}: ${url}: ${reason}`);

// Checks one URL (already HTML-unescaped) found in `file`, relative to `base`
// (the folder it resolves against). Returns nothing; records problems.
function checkUrl(where, file, base, url) {
  linkCount += 1;
  const shown = url === '' ? '""' : JSON.stringify(url).slice(1, -1);
  const trimmed = url.trim();
  if (trimmed !== url) return report(where, shown, 'leading or trailing white space');
  if (url === '') return report(where, shown, 'empty URL');
  if (/[\u0000-\u001f\u007f]/.test(url)) return report(where, shown, 'control character in URL');
  if (url.includes('\\')) return report(where, shown, 'backslash in URL');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(url);
  if (scheme) {
    const s = scheme[1].toLowerCase();
    const reasons = {
      http: 'refers outside the site (http:)',
      https: 'refers outside the site (https:)',
      data: 'data: URL (the site keeps its resources as files)',
      javascript: 'javascript: URL',
      file: 'file: URL (absolute path)',
    };
    return report(where, shown, reasons[s] ?? `URL with a scheme (${s}:)`);
  }
  if (url.startsWith('//')) return report(where, shown, 'refers outside the site (protocol-relative //)');
  if (url.startsWith('/')) return report(where, shown, 'absolute path (the site must work from any folder)');

  const hashAt = url.indexOf('#');
  const beforeHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const rawFragment = hashAt === -1 ? null : url.slice(hashAt + 1);
  const queryAt = beforeHash.indexOf('?');
  const rawPath = queryAt === -1 ? beforeHash : beforeHash.slice(0, queryAt);

  let decodedPath;
  let fragment = null;
  try {
    decodedPath = decodeURIComponent(rawPath);
    if (rawFragment !== null) fragment = decodeURIComponent(rawFragment);
  } catch {
    return report(where, shown, 'bad percent-encoding');
  }
  if (decodedPath.includes('\0')) return report(where, shown, 'NUL in path');
  if (decodedPath.startsWith('/')) return report(where, shown, 'absolute path after percent-decoding');

  const target = decodedPath === '' ? file : path.resolve(base, decodedPath);
  const inside = path.relative(root, target);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return report(where, shown, 'resolves outside the site folder');
  }
  if (!fs.existsSync(target)) return report(where, shown, `no such file (${inside.split(path.sep).join('/')})`);
  if (fs.statSync(target).isDirectory()) return report(where, shown, 'is a folder, not a file');
  const real = fs.realpathSync(target);
  if (path.relative(fs.realpathSync(root), real).startsWith('..')) {
    return report(where, shown, 'resolves outside the site folder (through a link)');
  }
  if (fragment !== null) {
    if (fragment === '') return report(where, shown, 'empty fragment');
    if (!/\.html?$/i.test(target)) return report(where, shown, 'fragment on a file that is not HTML');
    if (!idsOf(target).has(fragment)) {
      return report(where, shown, `no element with id="${fragment}" in ${rel(target)}`);
    }
  }
  return undefined;
}

function checkCss(where, file, base, css, offsetLine = 1) {
  const noComments = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const patterns = [
    /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)"'\s]*))\s*\)/gi,
    /@import\s+(?:"([^"]*)"|'([^']*)')/gi,
  ];
  for (const pattern of patterns) {
    for (const m of noComments.matchAll(pattern)) {
      const value = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
      const line = offsetLine + lineOf(noComments, m.index) - 1;
      checkUrl(`${where}:${line}`, file, base, value);
    }
  }
}

// The root files of the contract.
for (const name of ROOT_FILES) {
  if (!fs.existsSync(path.join(root, name))) problems.push(`${name}: -: missing (the site contract has it)`);
}

for (const file of htmlFiles) {
  const html = fs.readFileSync(file, 'utf8');
  const base = path.dirname(file);
  const { tags, styles } = parseTags(html);
  const name = rel(file);

  const htmlTag = tags.find((t) => t.name === 'html');
  const lang = htmlTag?.attributes.get('lang');
  if (lang === undefined) problems.push(`${name}: <html>: no lang attribute`);
  else if (!/^(sv|en)(-[A-Za-z0-9]+)*$/.test(unescapeHtml(lang))) problems.push(`${name}: <html lang="${lang}">: not sv or en`);
  if (!tags.some((t) => t.name === 'main' && t.attributes.get('id') === 'main')) {
    problems.push(`${name}: <main id="main">: missing`);
  }
  const baseTag = tags.find((t) => t.name === 'base' && t.attributes.has('href'));
  if (baseTag) problems.push(`${name}: <base href="${baseTag.attributes.get('href')}">: not allowed (it changes every relative link)`);

  for (const tag of tags) {
    for (const [attribute, raw] of tag.attributes) {
      if (!URL_ATTRIBUTES.has(attribute)) continue;
      const where = `${name}:${lineOf(html, tag.offset)}`;
      const value = unescapeHtml(raw);
      if (attribute === 'srcset') {
        for (const candidate of value.split(',')) {
          checkUrl(where, file, base, candidate.trim().split(/\s+/)[0] ?? '');
        }
      } else {
        checkUrl(where, file, base, value);
      }
    }
    const style = tag.attributes.get('style');
    if (style !== undefined) checkCss(name, file, base, unescapeHtml(style), lineOf(html, tag.offset));
  }
  for (const s of styles) checkCss(name, file, base, s.css, lineOf(html, s.offset));
}

for (const file of cssFiles) checkCss(rel(file), file, path.dirname(file), fs.readFileSync(file, 'utf8'));

// search-index.js: `var PLAN_SEARCH = [[id, title], ...];`, entry k being
// the id and title of item k of sok.html's list (whose link is checked above).
const indexFile = path.join(root, 'search-index.js');
if (fs.existsSync(indexFile)) {
  // Run as the browser runs it, in a context of its own, and read the global.
  const context = {};
  let entries = null;
  try {
    vm.runInNewContext(fs.readFileSync(indexFile, 'utf8'), context, { filename: indexFile, timeout: 5000 });
    entries = context.PLAN_SEARCH;
  } catch (error) {
    problems.push(`search-index.js: -: does not run (${error.message})`);
  }
  const sok = fs.existsSync(path.join(root, 'sok.html')) ? fs.readFileSync(path.join(root, 'sok.html'), 'utf8') : '';
  const list = /<ul id="results">([\s\S]*?)<\/ul>/.exec(sok);
  const texts = list ? [...list[1].matchAll(/<li><a [^>]*>([^<]*)<\/a>/g)].map((m) => unescapeHtml(m[1])) : [];
  if (!list) problems.push('sok.html: -: no <ul id="results">');
  if (entries === undefined) problems.push('search-index.js: -: does not set PLAN_SEARCH');
  else if (entries !== null && !Array.isArray(entries)) problems.push('search-index.js: -: PLAN_SEARCH is not an array');
  else if (entries !== null) {
    if (entries.length === 0) problems.push('search-index.js: -: PLAN_SEARCH is empty');
    if (list && entries.length !== texts.length) {
      problems.push(`search-index.js: -: ${entries.length} entries, sok.html lists ${texts.length} items`);
    }
    entries.forEach((entry, k) => {
      const where = `search-index.js[${k}]`;
      if (!Array.isArray(entry) || entry.length !== 2 || entry.some((v) => typeof v !== 'string')) {
        return problems.push(`${where}: -: not [id, title]`);
      }
      if (entry[0] === '') problems.push(`${where}: -: no id`);
      const want = entry[1] ? `${entry[0]} ${entry[1]}` : entry[0];
      if (k < texts.length && texts[k] !== want) {
        problems.push(`${where}: ${entry[0]}: sok.html's item ${k} is "${texts[k]}", not its id and title`);
      }
      return undefined;
    });
  }
}

for (const p of problems) process.stdout.write(`${p}\n`);
const summary = `links.mjs: ${htmlFiles.length} pages, ${cssFiles.length} style sheets, ${linkCount} links checked`;
if (problems.length) {
  process.stdout.write(`${summary}: ${problems.length} broken\nFAIL\n`);
  process.exit(1);
}
process.stdout.write(`${summary}: none broken\nPASS\n`);
