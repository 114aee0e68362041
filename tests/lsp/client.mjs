// client.mjs: what the Node tests of plan-lsp share: framing messages
// with Content-Length, running the real binary on a whole session's input,
// and splitting what it wrote back into messages.
import { spawn } from 'node:child_process';

export function frame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

// The messages in `data`, in order; a frame that does not parse ends the
// list with a line saying what was wrong (a test then fails on it).
export function unframe(data) {
  const messages = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) { messages.push({ broken: `TRAILING ${JSON.stringify(data.subarray(at).toString())}` }); break; }
    const header = data.subarray(at, end).toString('ascii');
    const m = /^Content-Length: (\d+)$/.exec(header);
    if (!m) { messages.push({ broken: `BAD HEADER ${JSON.stringify(header)}` }); break; }
    const len = Number(m[1]);
    const body = data.subarray(end + 4, end + 4 + len);
    if (body.length !== len) { messages.push({ broken: 'SHORT BODY' }); break; }
    messages.push(JSON.parse(body.toString('utf8')));
    at = end + 4 + len;
  }
  return messages;
}

// Run `binary` with `args`, `input` (a Buffer) on its standard input; resolves
// to { messages, code, signal } once it ends (killed after a minute).
export function session(binary, args, input) {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stdin.on('error', () => {});
    child.stdin.end(input);
    const timer = setTimeout(() => child.kill('SIGKILL'), 60000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ messages: unframe(Buffer.concat(out)), code, signal });
    });
  });
}
