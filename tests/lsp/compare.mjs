// compare.mjs: plan-lsp's diagnostics are plan-validate's. Both run on the
// same plan set, in the same language; every publishDiagnostics is turned
// back into plan-validate's terms (path from the root, 1-based line, column
// in characters counted from the UTF-16 position on the file's text) and the
// two lists must be equal, with severity, rule, message and help link.
// Opening a file unchanged must publish nothing new.
//
// With FILE FROM TO, the server gets FILE opened with FROM replaced by TO
// (an unsaved edit), and plan-validate a copy of the set with the edit
// saved: the text on screen is what is checked.
//
// Usage: node compare.mjs PLAN_LSP PLAN_VALIDATE PLAN_SET LANG HELP_URI [FILE FROM TO]
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { frame, session } from './client.mjs';

const [lsp, validate, dir, lang, helpUri, editFile, from, to] = process.argv.slice(2);
let checked = dir;
let editedText = null;
if (editFile) {
  checked = mkdtempSync(`${tmpdir()}/plan-lsp-compare-`);
  cpSync(dir, checked, { recursive: true });
  const text = readFileSync(`${dir}/${editFile}`, 'utf8');
  if (!text.includes(from)) throw new Error(`'${from}' is not in ${editFile}`);
  editedText = text.replace(from, to);
  writeFileSync(`${checked}/${editFile}`, editedText);
}
let failed = 0;
const fail = (what) => { console.error(`FAIL ${dir} (${lang}): ${what}`); failed = 1; };

let json;
try {
  json = execFileSync(validate, ['--format', 'json', '--lang', lang, checked], { encoding: 'utf8' });
} catch (e) {
  json = e.stdout;   // exit 1: the set has errors
}
const expected = JSON.parse(json);
const root = expected.root;             // where the texts checked are
const rootUri = pathToFileURL(execFileSync('realpath', [dir], { encoding: 'utf8' }).trim()).href;
if (editFile) rmSync(checked, { recursive: true, force: true, maxRetries: 0 });

const open = editFile || (expected.diagnostics.length ? expected.diagnostics[0].file : 'styrmodell.yaml');
const openText = editedText ?? readFileSync(`${dir}/${open}`, 'utf8');
const input = Buffer.concat([
  frame({ jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { rootUri, locale: lang === 'sv' ? 'sv-SE' : 'en-US', capabilities: {} } }),
  frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
  frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: {
    uri: `${rootUri}/${open}`, languageId: 'yaml', version: 1, text: openText } } }),
  frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }),
  frame({ jsonrpc: '2.0', method: 'exit' }),
]);
const { messages, code } = await session(lsp, [], input);
if (code !== 0) fail(`exit status ${code}`);

// The column plan-validate counts (characters) of a UTF-16 position.
function column(file, line, character) {
  const whole = file === editFile ? editedText : readFileSync(`${dir}/${file}`, 'utf8');
  const text = whole.split('\n')[line] ?? '';
  return [...text.slice(0, character)].length + 1;
}

const got = [];
const published = messages.filter((m) => m.method === 'textDocument/publishDiagnostics');
const last = new Map();   // what the client shows in the end: the last of each file
for (const m of published) {
  const file = decodeURIComponent(m.params.uri.slice(rootUri.length + 1));
  if (last.has(file) && !editFile) fail(`${file} published twice: opening it unchanged changed nothing`);
  last.set(file, m.params.diagnostics);
}
const seen = new Set([...last].filter(([, list]) => list.length).map(([file]) => file));
for (const [file, list] of last) {
  for (const d of list) {
    const { start, end } = d.range;
    if (end.line < start.line || (end.line === start.line && end.character < start.character))
      fail(`${file}: a range that ends before it starts: ${JSON.stringify(d.range)}`);
    if (d.codeDescription?.href !== `${helpUri}#rule-${d.code}`)
      fail(`${file}: codeDescription ${JSON.stringify(d.codeDescription)}`);
    got.push({ file, line: start.line + 1, column: column(file, start.line, start.character),
      severity: { 1: 'error', 2: 'warning' }[d.severity], rule: d.code, message: d.message,
      end: [end.line + 1, column(file, end.line, end.character)] });
  }
}
// A fault about a whole file is at its start (plan-validate: line 0).
const want = expected.diagnostics.map((d) => ({ ...d, line: d.line || 1, column: d.column || 1 }));
const key = (d) => JSON.stringify([d.file, d.line, d.column, d.severity, d.rule, d.message]);
const a = want.map(key).sort(), b = got.map(key).sort();
if (a.length !== b.length) fail(`${a.length} diagnostics from plan-validate, ${b.length} from plan-lsp`);
for (let i = 0; i < Math.max(a.length, b.length); i++) {
  if (a[i] !== b[i]) { fail(`first difference:\n  plan-validate: ${a[i]}\n  plan-lsp:      ${b[i]}`); break; }
}
// Ranges: plan-validate's end where it gives one (end_line, end_column);
// else one line, from the start to the end of the token written there.
const ends = new Map();
for (const d of want) {
  if (!ends.has(key(d))) ends.set(key(d), []);
  ends.get(key(d)).push(d.end_line ? [d.end_line, d.end_column] : null);
}
for (const d of got) {
  const e = ends.get(key(d))?.shift();
  if (e === undefined) continue;   // counted above
  if (e ? e[0] !== d.end[0] || e[1] !== d.end[1] : d.end[0] !== d.line)
    fail(`${d.file}:${d.line}:${d.column} ${d.rule}: range ends at ${d.end.join(':')}, ` +
      `plan-validate's end is ${e ? e.join(':') : 'none (the same line)'}`);
}
if (!failed) console.log(`${dir} (${lang}): ${a.length} diagnostics in ${seen.size} files, the same`);
process.exit(failed);
