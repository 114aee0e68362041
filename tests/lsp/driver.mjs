// driver.mjs: runs one scripted JSON-RPC session against the real plan-lsp
// and compares what it answers with the expected transcript.
//
// Usage: node driver.mjs PLAN_LSP SCRIPT EXPECTED ROOT [--update] [-- ARGS...]
//
// SCRIPT is a JSON array. Each element is a message to send (an object,
// framed with its Content-Length), or {"raw": "..."}: bytes sent as they
// are (a broken header, a body that is not JSON). In any string "${ROOT}"
// is the file URI of ROOT and "${TEXT:path}" the text of ROOT/path, so a
// session can open the example's files; {"edit": [path, from, to]} in
// place of a text is that text with `from` replaced by `to`. The output is
// one line per message the server wrote, with the URI of ROOT written back
// as ${ROOT} and the version as ${VERSION}, then "exit N". --update writes
// EXPECTED instead of comparing.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { frame, session } from './client.mjs';

const [binary, scriptPath, expectedPath, root, ...rest] = process.argv.slice(2);
const update = rest[0] === '--update';
const args = rest.includes('--') ? rest.slice(rest.indexOf('--') + 1) : [];
const rootUri = pathToFileURL(root).href;

function expand(value) {
  if (typeof value === 'string') {
    return value.replace(/\$\{TEXT:([^}]+)\}/g, (_, p) => readFileSync(`${root}/${p}`, 'utf8'))
      .replaceAll('${ROOT}', rootUri);
  }
  if (Array.isArray(value)) return value.map(expand);
  if (value && typeof value === 'object') {
    if (value.edit) {
      const [p, from, to] = value.edit;
      const text = readFileSync(`${root}/${p}`, 'utf8');
      if (!text.includes(from)) throw new Error(`edit: '${from}' not in ${p}`);
      return text.replace(from, to);
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
  }
  return value;
}

const script = JSON.parse(readFileSync(scriptPath, 'utf8'));
const chunks = [];
for (const step of script) {
  if (step.raw !== undefined) chunks.push(Buffer.from(expand(step.raw), 'utf8'));
  else chunks.push(frame(expand(step)));
}

const { messages, code, signal } = await session(binary, args, Buffer.concat(chunks));
const lines = messages.map((m) => {
  if (m.broken) return m.broken;
  return JSON.stringify(m).replaceAll(rootUri, '${ROOT}')
    .replace(/"version":"[0-9][^"]*"/, '"version":"${VERSION}"');
});
lines.push(signal ? `signal ${signal}` : `exit ${code}`);
const got = lines.join('\n') + '\n';
if (update) {
  writeFileSync(expectedPath, got);
} else {
  const expected = readFileSync(expectedPath, 'utf8');
  if (got !== expected) {
    const g = got.split('\n'), e = expected.split('\n');
    for (let i = 0; i < Math.max(g.length, e.length); i++) {
      if (g[i] !== e[i]) {
        console.error(`line ${i + 1} differs:\n  expected: ${e[i]}\n  got:      ${g[i]}`);
        break;
      }
    }
    process.exit(1);
  }
  console.log(`${scriptPath}: ${lines.length - 1} messages as expected`);
}
