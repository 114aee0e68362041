// apply.mjs: the quick fixes do what they say. For every diagnostic of the
// codes named in one file of a plan set, the server is asked for its quick
// fix; the fix's edit is applied to the text as a client would, the edited
// text sent as a change, and the file's diagnostics must then be the same
// less that one: the fault gone, nothing new (a schema fault the edit
// mends, a null list made a list, may go too).
//
// With FROM and TO, FILE is opened with FROM replaced by TO (\n is a line
// end; TO left out is nothing), so that the lists can be written in other
// ways than the example's.
//
// Usage: node apply.mjs PLAN_LSP PLAN_SET FILE CODE[,CODE...] [FROM TO]
import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { frame, session } from './client.mjs';

const [lsp, dir, file, codes, from, to] = process.argv.slice(2);
const rootUri = pathToFileURL(realpathSync(dir)).href;
const uri = `${rootUri}/${file}`;
let text = readFileSync(`${dir}/${file}`, 'utf8');
if (from !== undefined) {
  const lines = (s) => (s ?? '').replaceAll('\\n', '\n');
  if (!text.includes(lines(from))) throw new Error(`'${from}' is not in ${file}`);
  text = text.replace(lines(from), lines(to));
}
let failed = 0;
const fail = (what) => { console.error(`FAIL ${file}: ${what}`); failed = 1; };

const start = (t) => [
  frame({ jsonrpc: '2.0', id: 1, method: 'initialize',
    params: { rootUri, locale: 'sv-SE', capabilities: {} } }),
  frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
  frame({ jsonrpc: '2.0', method: 'textDocument/didOpen',
    params: { textDocument: { uri, languageId: 'yaml', version: 1, text: t } } }),
];
const end = [frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }),
  frame({ jsonrpc: '2.0', method: 'exit' })];
const run = async (parts) => (await session(lsp, [], Buffer.concat(parts))).messages;
const shown = (messages) => messages.filter((m) => m.method === 'textDocument/publishDiagnostics' &&
  m.params.uri === uri).at(-1)?.params.diagnostics ?? [];
const key = (d) => `${d.code}: ${d.message}`;

// A TextEdit applied to a text: LSP positions are lines and UTF-16 units.
function apply(t, edit) {
  const lines = t.split('\n');
  const offset = (p) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return t.slice(0, offset(edit.range.start)) + edit.newText + t.slice(offset(edit.range.end));
}

const before = shown(await run([...start(text), ...end]));
const wanted = before.filter((d) => codes.split(',').includes(d.code));
if (!wanted.length) fail(`no diagnostic of ${codes}`);
for (const d of wanted) {
  const messages = await run([...start(text), frame({ jsonrpc: '2.0', id: 10,
    method: 'textDocument/codeAction', params: { textDocument: { uri }, range: d.range,
      context: { diagnostics: [d] } } }), ...end]);
  const actions = messages.find((m) => m.id === 10)?.result ?? [];
  if (actions.length !== 1) { fail(`${actions.length} quick fixes for ${key(d)}`); continue; }
  const edits = actions[0].edit?.changes?.[uri] ?? [];
  if (edits.length !== 1 || Object.keys(actions[0].edit.changes).length !== 1) {
    fail(`the fix for ${key(d)} is not one edit of the file`);
    continue;
  }
  const fixed = apply(text, edits[0]);
  const after = shown(await run([...start(text), frame({ jsonrpc: '2.0',
    method: 'textDocument/didChange', params: { textDocument: { uri, version: 2 },
      contentChanges: [{ text: fixed }] } }), ...end]));
  const others = new Set(before.filter((x) => x !== d).map(key));
  const left = after.map(key);
  const grown = left.filter((k) => !others.has(k));
  const kept = before.filter((x) => x !== d && x.code !== 'schema').map(key)
    .filter((k) => !left.includes(k));
  if (left.includes(key(d)) || grown.length || kept.length)
    fail(`after "${actions[0].title}": ${left.includes(key(d)) ? 'still there' : ''}` +
      `${grown.length ? ` new: ${JSON.stringify(grown)}` : ''}` +
      `${kept.length ? ` gone too: ${JSON.stringify(kept)}` : ''}`);
  else
    console.log(`${file}: "${actions[0].title}" clears it`);
}
process.exit(failed);
