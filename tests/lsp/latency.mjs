// latency.mjs: plan-lsp's latency from a keystroke to the last diagnostic
// it causes: on a plan set, one file is opened and changed N times,
// alternately breaking and mending a link (so that every change publishes),
// and the time from sending didChange to the answer of a request sent
// right behind it (which the server answers only after every
// publishDiagnostics the change caused) is measured. Not a test: prints
// the median, the fastest and the slowest.
//
// Usage: node latency.mjs PLAN_LSP PLAN_SET FILE FROM TO [N]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { frame } from './client.mjs';

const [lsp, dir, file, from, to, count] = process.argv.slice(2);
const n = Number(count || 50);
const rootUri = pathToFileURL(dir).href;
const uri = `${rootUri}/${file}`;
const text = readFileSync(`${dir}/${file}`, 'utf8');
if (!text.includes(from)) throw new Error(`'${from}' is not in ${file}`);
const broken = text.replace(from, to);

const child = spawn(lsp, [], { stdio: ['pipe', 'pipe', 'inherit'] });
let pending = Buffer.alloc(0);
const waiting = new Map();
let published = 0;
child.stdout.on('data', (d) => {
  pending = Buffer.concat([pending, d]);
  for (;;) {
    const end = pending.indexOf('\r\n\r\n');
    if (end < 0) return;
    const len = Number(/Content-Length: (\d+)/.exec(pending.subarray(0, end).toString())[1]);
    if (pending.length < end + 4 + len) return;
    const msg = JSON.parse(pending.subarray(end + 4, end + 4 + len).toString('utf8'));
    pending = pending.subarray(end + 4 + len);
    if (msg.method === 'textDocument/publishDiagnostics') published++;
    if (msg.id !== undefined && waiting.has(msg.id)) { waiting.get(msg.id)(); waiting.delete(msg.id); }
  }
});
let nextId = 1;
function request(method, params) {
  const id = nextId++;
  return new Promise((resolve) => {
    waiting.set(id, resolve);
    child.stdin.write(frame({ jsonrpc: '2.0', id, method, params }));
  });
}
const notify = (method, params) => child.stdin.write(frame({ jsonrpc: '2.0', method, params }));

await request('initialize', { rootUri, capabilities: {} });
notify('initialized', {});
notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 0, text } });
await request('textDocument/documentSymbol', { textDocument: { uri } });
const times = [];
for (let i = 1; i <= n; i++) {
  const before = published;
  const start = process.hrtime.bigint();
  notify('textDocument/didChange', { textDocument: { uri, version: i },
    contentChanges: [{ text: i % 2 ? broken : text }] });
  await request('textDocument/documentSymbol', { textDocument: { uri } });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  if (published === before) throw new Error(`change ${i} published nothing`);
}
await request('shutdown', null);
notify('exit', {});
child.stdin.end();
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`${n} changes of ${file}: median ${median.toFixed(1)} ms, fastest ${times[0].toFixed(1)} ms, slowest ${times[times.length - 1].toFixed(1)} ms (${published} publishDiagnostics)`);
