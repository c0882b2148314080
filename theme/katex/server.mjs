// KaTeX math server for the site generator (build time only; pages never load KaTeX JS).
//
// Protocol: newline-delimited JSON on stdin/stdout, one request per line, one response per line.
//   request:  {"id": 1, "items": [{"tex": "x^2", "display": false}, ...]}
//   response: {"id": 1, "results": [{"html": "<span class=\"katex\">…"} | {"error": "KaTeX message", "position": 12}, ...]}
// On start it prints one line {"ready": true, "katex": "<version>", "node": "<version>"}.
// A request line that is not valid JSON gets {"id": null, "fatal": "<message>"}; the server keeps running.
// It exits when stdin closes.
// The markup is compacted (compact.mjs): common inline-style declarations become the classes of compact-styles.json.
import katex from 'katex';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { loadTable, compactTree } from './compact.mjs';

const TABLE = loadTable(fileURLToPath(new URL('./compact-styles.json', import.meta.url)));

const OPTIONS = { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false };

function renderOne(item) {
  const tex = typeof item?.tex === 'string' ? item.tex : '';
  try {
    return { html: compactTree(katex.__renderToDomTree(tex, { ...OPTIONS, displayMode: !!item?.display }), TABLE).toMarkup() };
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
  out({ id: req.id ?? null, results: items.map(renderOne) });
});
rl.on('close', () => process.exit(0));
