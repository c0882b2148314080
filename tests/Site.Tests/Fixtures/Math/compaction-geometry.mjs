// Lays out the same formulas twice in headless Chromium — KaTeX's own markup (inline styles) and the site's compacted
// markup (theme/katex/compact.mjs: common declarations as classes) — and compares the box of every element.
// usage: node compaction-geometry.mjs <themeDir> <siteDir with assets/katex/> <formulas.txt>   → prints one JSON line:
//   { formulas, elements, moved, mismatches: [{ formula, index, plain, compact }], failed: [...] }
import { createRequire } from 'node:module';
import { writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSite } from './chromium-site.mjs';

const [themeDir, siteDir, formulasFile] = process.argv.slice(2);
const require = createRequire(join(resolve(themeDir), 'package.json'));
const katex = require('katex');
const { loadTable, compactTree } = await import(pathToFileURL(join(resolve(themeDir), 'katex', 'compact.mjs')).href);
const table = loadTable(join(resolve(themeDir), 'katex', 'compact-styles.json'));

const formulas = readFileSync(formulasFile, 'utf8').split('\n').filter((l) => /^[ID] /.test(l))
  .map((l) => ({ display: l[0] === 'D', tex: l.slice(2) }));
const options = (f) => ({ output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false, displayMode: f.display });
const plain = formulas.map((f) => katex.renderToString(f.tex, options(f)));
const compact = formulas.map((f) => compactTree(katex.__renderToDomTree(f.tex, options(f)), table).toMarkup());
const moved = compact.reduce((n, html) => n + (html.match(/\bk[0-9a-z]{1,4}\b/g) || []).length, 0);

const page = (bodies) => '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>geometry</title>' +
  '<link rel="stylesheet" href="assets/katex/katex.min.css">' +
  '<style>body{font:16px/1.5 serif;margin:0;padding:8px;width:1100px}.f{margin:0 0 12px;white-space:nowrap}</style></head><body>' +
  bodies.map((b) => `<div class="f">${b}</div>`).join('') + '</body></html>';
const root = resolve(siteDir);
await writeFile(join(root, 'plain.html'), page(plain));
await writeFile(join(root, 'compact.html'), page(compact));

const { base, browser, close } = await openSite(themeDir, siteDir);
const failed = [];
async function boxes(name) {
  const p = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  p.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  p.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  await p.goto(base + name, { waitUntil: 'networkidle' });
  const result = await p.evaluate(async () => {
    await document.fonts.ready;
    return [...document.querySelectorAll('.f')].map((f) => {
      const origin = f.getBoundingClientRect();
      return [...f.querySelectorAll('.katex-html, .katex-html *')].map((e) => {
        const r = e.getBoundingClientRect();
        return [r.x - origin.x, r.y - origin.y, r.width, r.height].map((v) => Math.round(v * 1000) / 1000);
      });
    });
  });
  await p.close();
  return result;
}
try {
  const a = await boxes('plain.html');
  const b = await boxes('compact.html');
  const mismatches = [];
  let elements = 0;
  for (let i = 0; i < formulas.length; i++) {
    const x = a[i] ?? [], y = b[i] ?? [];
    elements += x.length;
    if (x.length !== y.length) { mismatches.push({ formula: formulas[i].tex, index: -1, plain: x.length, compact: y.length }); continue; }
    for (let j = 0; j < x.length; j++)
      if (x[j].some((v, k) => Math.abs(v - y[j][k]) > 0.01)) { mismatches.push({ formula: formulas[i].tex, index: j, plain: x[j], compact: y[j] }); break; }
  }
  console.log(JSON.stringify({ formulas: formulas.length, elements, moved, mismatches, failed }));
} finally {
  await close();
}
