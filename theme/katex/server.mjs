// KaTeX math server for the site generator (build time only; pages never load KaTeX JS).
//
// Protocol: one request per line of JSON on stdin; on stdout one line of JSON per response, followed by its markup.
//   request:  {"id": 1, "items": [{"tex": "x^2", "display": false}, ...]}
//   response: {"id": 1, "results": [{"htmlBytes": 1234} | {"error": "KaTeX message", "position": 12}, ...]}\n
//             then the markup of every rendered formula, in order, each exactly htmlBytes bytes of UTF-8, nothing between.
//   (The markup is not a JSON string: escaping its quotes took Node ~10 % of its time and the reader as long again.
//   A reader also accepts {"html": "…"} in place of {"htmlBytes": n}, the format of earlier servers.)
// On start it prints one line {"ready": true, "katex": "<version>", "node": "<version>"}.
// A request line that is not valid JSON gets {"id": null, "fatal": "<message>"}; the server keeps running.
// It exits when stdin closes.
// The markup is compacted (compact.mjs): common inline-style declarations become the classes of compact-styles.json.
import katex from 'katex';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadTable, compactMarkup } from './compact.mjs';

const TABLE = loadTable(fileURLToPath(new URL('./compact-styles.json', import.meta.url)));

const OPTIONS = { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false };
const INLINE = { ...OPTIONS, displayMode: false };
const DISPLAY = { ...OPTIONS, displayMode: true };

function renderOne(item) {
  const tex = typeof item?.tex === 'string' ? item.tex : '';
  try {
    return { html: compactMarkup(katex.__renderToDomTree(tex, item?.display ? DISPLAY : INLINE), TABLE) };
  } catch (e) {
    if (e instanceof katex.ParseError) {
      // rawMessage has no "KaTeX parse error:" prefix and no position suffix.
      return { error: e.rawMessage ?? e.message, position: Number.isInteger(e.position) ? e.position : null };
    }
    return { error: String(e?.message ?? e), position: null };
  }
}

const out = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

out({ ready: true, katex: katex.version, node: process.versions.node });

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
rl.on('line', (line) => {
  if (line.trim() === '') return;
  let req;
  try {
    req = JSON.parse(line);
  } catch (e) {
    out({ id: null, fatal: 'bad request: ' + e.message });
    return;
  }
  const items = Array.isArray(req.items) ? req.items : [];
  const results = new Array(items.length);
  // The markup goes straight into one buffer as UTF-8, which also gives each formula's byte count (measuring each
  // string, joining them and encoding the result took ~5 % of Node's CPU). A new buffer per answer: stdout may still
  // be writing the last one.
  let buf = Buffer.allocUnsafe(1 << 16), at = 0;
  for (let i = 0; i < items.length; i++) {
    const r = renderOne(items[i]);
    if (r.html === undefined) { results[i] = r; continue; }
    const most = r.html.length * 3; // UTF-8 bytes per UTF-16 code unit, at most
    if (at + most > buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(buf.length * 2, at + most));
      buf.copy(bigger, 0, 0, at);
      buf = bigger;
    }
    const n = buf.write(r.html, at, 'utf8');
    results[i] = { htmlBytes: n };
    at += n;
  }
  process.stdout.write(JSON.stringify({ id: req.id ?? null, results }) + '\n');
  process.stdout.write(buf.subarray(0, at));
});
rl.on('close', () => process.exit(0));
