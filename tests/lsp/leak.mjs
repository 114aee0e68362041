// leak.mjs: plan-lsp's Swedish as a person reads it: every message text,
// hover and error of a Swedish session (the transcripts' requests, locale
// sv, PLAN_LANG=sv for what comes before it), one line each, to OUT;
// english-leak.sh then reads it.
//
// Usage: node leak.mjs PLAN_LSP PLAN_SET OUT
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { frame, session } from './client.mjs';

const [lsp, dir, outPath] = process.argv.slice(2);
const root = pathToFileURL(dir).href;
const vp = `${root}/planer/bun/verksamhetsplan-2026.yaml`;
const ht = `${root}/planer/sn/sock/hemtjanst/arbetsplan-2026.yaml`;
const at = (id, method, uri, line, character) =>
  ({ jsonrpc: '2.0', id, method, params: { textDocument: { uri }, position: { line, character } } });
const input = Buffer.concat([
  frame({ jsonrpc: '2.0', id: 0, method: 'shutdown' }),
  frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { rootUri: root, locale: 'sv' } }),
  frame({ jsonrpc: '2.0', method: 'initialized', params: {} }),
  frame({ jsonrpc: '2.0', id: 2, method: 'initialize', params: {} }),
  frame({ jsonrpc: '2.0', id: 3, method: 'workspace/nothing', params: {} }),
  Buffer.from('Content-Length: 3\r\n\r\n{x}Content-Type: x\r\n\r\nContent-Length: x\r\n\r\n'),
  frame({ jsonrpc: '1.0', id: 4, method: 'x' }),
  at(5, 'textDocument/hover', vp, 5, 10),
  at(6, 'textDocument/hover', vp, 8, 21),
  at(7, 'textDocument/hover', `${root}/planer/bun/utbk/kontorsplan-2026.yaml`, 2, 8),
  { jsonrpc: '2.0', id: 10, method: 'textDocument/rename',
    params: { textDocument: { uri: vp }, position: { line: 5, character: 10 }, newName: 'BUN 1' } },
  { jsonrpc: '2.0', id: 11, method: 'textDocument/rename',
    params: { textDocument: { uri: vp }, position: { line: 5, character: 10 }, newName: 'BUN-2' } },
  { jsonrpc: '2.0', id: 12, method: 'textDocument/rename',
    params: { textDocument: { uri: vp }, position: { line: 0, character: 0 }, newName: 'X' } },
  { jsonrpc: '2.0', id: 13, method: 'textDocument/codeAction', params: { textDocument: { uri: ht },
    range: { start: { line: 8, character: 21 }, end: { line: 8, character: 21 } },
    context: { diagnostics: [{ range: { start: { line: 8, character: 21 }, end: { line: 8, character: 21 } },
      code: 'unknown-reference', message: '' }] } } },
  frame({ jsonrpc: '2.0', id: 8, method: 'shutdown' }),
  frame({ jsonrpc: '2.0', id: 9, method: 'textDocument/hover', params: {} }),
  frame({ jsonrpc: '2.0', method: 'exit' }),
].map((m) => (Buffer.isBuffer(m) && !m.jsonrpc ? m : frame(m))));
const { messages } = await session(lsp, [], input);
const texts = [];
for (const m of messages) {
  if (m.error) texts.push(m.error.message);
  if (m.result?.contents) texts.push(m.result.contents.value);
  if (Array.isArray(m.result)) for (const a of m.result) if (a.title) texts.push(a.title);
  for (const d of m.params?.diagnostics ?? []) texts.push(d.message);
  if (m.params?.message) texts.push(m.params.message);
}
writeFileSync(outPath, texts.join('\n') + '\n');
console.log(`leak.mjs: ${texts.length} texts`);
