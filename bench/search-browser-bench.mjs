#!/usr/bin/env node
// Search benchmark in headless Chromium (not a test): typing → results time, bytes fetched, JS heap
// and search code size, with the site's own search-ui.mjs over a built search/ folder.
//   node bench/search-browser-bench.mjs <site-dir> [rounds=3] [chromium=/usr/bin/chromium]
//   (SEARCH_CODE=<dir> serves another checkout's theme/search instead, for before/after runs)
// <site-dir> holds search/ (a full build, or bench/SearchIndexBench's output). The page is a minimal
// host (the search box and theme/search/*.mjs, nothing else), served on 127.0.0.1 like a static host:
// text gzip -6 on the fly, *.gz files as stored (already compressed: sent as they are).
// Per query, on a fresh page each round: the time from the last keystroke (all but the last character
// inserted at once, as an IME commits, then the last key: the box's debounce runs once, after it) to
// the results in the DOM ("ms": the first results rendered; "all ms": the whole list, once the box is
// no longer aria-busy), and the search/ bytes sent. KEY_DELAY=<ms> types every character instead, one
// key per <ms> (a typist; queries made stale on the way count their bytes too).
// The server answers on 127.0.0.1 over HTTP/1.1 (Chromium: at most 6 requests at a time).
// Then one page runs every query in turn: its JS heap after a forced GC. Medians of the rounds.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { pathToFileURL } from 'node:url';

const [siteDir, roundsArg, chromiumArg] = process.argv.slice(2);
if (!siteDir) { console.error('usage: node bench/search-browser-bench.mjs <site-dir> [rounds] [chromium]'); process.exit(2); }
const rounds = Number(roundsArg || 3);
const keyDelay = Number(process.env.KEY_DELAY || 0);
const load0 = os.loadavg().map((x) => x.toFixed(2)).join(' ');
const chromiumPath = chromiumArg || '/usr/bin/chromium';
const repo = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const themeSearch = process.env.SEARCH_CODE || path.join(repo, 'theme', 'search'); // another commit's theme/search, to compare
const QUERIES = ['张量并行', '梯度检查点', '注意力机制', '学习率 warmup', 'LoRA 微调', 'rag 和 sft 区别', 'ZeRO-3', 'chatglm2',
  'llama3', 'langchian', 'transformer attention', 'kv cache', '量', 'xyzzy-no-match'];
const SESSIONS = [['LoRA 微调', '梯度检查点', 'kv cache'], ['张量并行', 'transformer attention', '学习率 warmup']];
const PAGE = `<!doctype html><html lang="zh" data-base="/"><head><meta charset="utf-8"><title>search bench</title></head>
<body><input id="search-input" type="search"><div id="search-results" hidden></div>
<script type="module" src="/assets/search/search-ui.mjs"></script></body></html>`;

let searchBytes = 0, searchFiles = 0, codeBytes = 0;
const codeFiles = new Set();
const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let body, type;
  if (p === '/') { body = Buffer.from(PAGE); type = 'text/html; charset=utf-8'; }
  else if (p.startsWith('/assets/search/') && /^[\w-]+\.mjs$/.test(p.slice(15))) { body = fs.readFileSync(path.join(themeSearch, p.slice(15))); type = 'text/javascript'; }
  else if (p.startsWith('/search/') && !p.includes('..') && fs.existsSync(path.join(siteDir, p))) {
    body = fs.readFileSync(path.join(siteDir, p));
    type = p.endsWith('.json') ? 'application/json' : 'application/octet-stream';
  } else { res.writeHead(404); res.end(); return; }
  const headers = { 'content-type': type, 'cache-control': 'no-store' };
  if (/text|json|javascript/.test(type) && /gzip/.test(req.headers['accept-encoding'] || '')) { body = zlib.gzipSync(body, { level: 6 }); headers['content-encoding'] = 'gzip'; }
  if (p.startsWith('/search/')) { searchBytes += body.length; searchFiles++; }
  if (p.startsWith('/assets/search/') && !codeFiles.has(p)) { codeFiles.add(p); codeBytes += body.length; }
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}/`;
const { chromium } = await import(pathToFileURL(path.join(repo, 'theme', 'node_modules', 'playwright-core', 'index.mjs')).href);
const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

async function freshPage() {
  const page = await browser.newPage();
  await page.goto(origin, { waitUntil: 'load' });
  await page.waitForFunction(() => document.getElementById('search-input').getAttribute('role') === 'combobox');
  await page.evaluate(() => {
    const box = document.getElementById('search-results');
    document.getElementById('search-input').addEventListener('input', () => { window.__lastKey = performance.now(); window.__done = 0; window.__all = 0; });
    new MutationObserver(() => {
      if (!window.__lastKey) return;
      const now = performance.now();
      if (!window.__done) window.__done = now;
      if (!window.__all && !box.hasAttribute('aria-busy')) window.__all = now;
    }).observe(box, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-busy'] });
  });
  return page;
}

/** Main-thread busy time so far (CDP Performance.TaskDuration), ms. */
async function busy(page) {
  if (!page.__cdp) { page.__cdp = await page.context().newCDPSession(page); await page.__cdp.send('Performance.enable'); }
  const { metrics } = await page.__cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration').value * 1000;
}

/**
 * Types `q` into the box: ms from the last keystroke to the results (or the no-result message) in
 * the DOM, and the page's main-thread busy ms from the first keystroke to then (typing included).
 */
async function timeQuery(page, q) {
  await page.evaluate(() => { const i = document.getElementById('search-input'); i.value = ''; window.__lastKey = 0; window.__done = 0; window.__all = 0; });
  await page.focus('#search-input');
  const b0 = await busy(page);
  const cps = [...q];
  if (keyDelay > 0) {
    for (let i = 0; i < cps.length; i++) { if (i > 0) await page.waitForTimeout(keyDelay); await page.keyboard.insertText(cps[i]); }
  } else {
    await page.keyboard.insertText(cps.slice(0, -1).join('')); // as an IME commits, or a fast typist: one run, after the last key
    await page.keyboard.type(cps[cps.length - 1]);
  }
  await page.waitForFunction(() => window.__all > 0, null, { timeout: 60000 });
  const b1 = await busy(page);
  await page.waitForTimeout(50);
  return page.evaluate(() => ({ ms: window.__done - window.__lastKey, all: window.__all - window.__lastKey, results: document.querySelectorAll('#search-results a.search-result').length,
    marks: document.querySelectorAll('#search-results mark').length })).then((r) => Object.assign(r, { busy: b1 - b0 }));
}

if (process.env.PROFILE) { // PROFILE="<query>": a CPU profile of that first query, self time by function
  const page = await freshPage();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await timeQuery(page, process.env.PROFILE);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map();
  profile.samples.forEach((id, i) => { const f = byId.get(id).callFrame; const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`; self.set(key, (self.get(key) || 0) + profile.timeDeltas[i]); });
  for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log((us / 1000).toFixed(1).padStart(8), 'ms', key);
  await browser.close(); server.close(); process.exit(0);
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (n) => (n / 1024).toFixed(1);
const span = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const meta = JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'meta.json'), 'utf8'));
const rows = [];
let worstMs = 0, worstAll = 0, worstFirst = 0, worstBusy = 0, maxMs = 0, maxAll = 0;
for (const q of QUERIES) {
  const ms = [], all = [];
  const cpu = [];
  let bytes = 0, files = 0, results = 0, marks = 0;
  for (let r = 0; r < rounds; r++) {
    const page = await freshPage();
    const b0 = searchBytes, f0 = searchFiles;
    const t = await timeQuery(page, q);
    ms.push(t.ms);
    all.push(t.all);
    cpu.push(t.busy);
    bytes = searchBytes - b0; files = searchFiles - f0; results = t.results; marks = t.marks;
    await page.close();
  }
  worstMs = Math.max(worstMs, median(ms));
  worstAll = Math.max(worstAll, median(all));
  maxMs = Math.max(maxMs, ...ms);
  maxAll = Math.max(maxAll, ...all);
  worstBusy = Math.max(worstBusy, median(cpu));
  worstFirst = Math.max(worstFirst, bytes);
  rows.push(`${q.padEnd(24)} ${String(files).padStart(5)} ${kb(bytes).padStart(9)} ${median(ms).toFixed(0).padStart(6)} ${span(ms).padStart(9)} ${median(all).toFixed(0).padStart(6)} ${span(all).padStart(9)} ${median(cpu).toFixed(0).padStart(7)} ${String(results).padStart(7)} ${String(marks).padStart(5)}`);
}
const sessions = [];
let worstSession = 0;
for (const s of SESSIONS) {
  const page = await freshPage();
  const b0 = searchBytes;
  const ms = [];
  for (const q of s) { const t = await timeQuery(page, q); ms.push(`${t.ms.toFixed(0)}` + (t.all > t.ms + 0.5 ? ` (all ${t.all.toFixed(0)})` : '')); }
  worstSession = Math.max(worstSession, searchBytes - b0);
  sessions.push(`session ${JSON.stringify(s)}: ${kb(searchBytes - b0)} KiB, ${ms.join(' / ')} ms`);
  await page.close();
}
const page = await freshPage();
for (const q of QUERIES) await timeQuery(page, q);
const cdp = await page.context().newCDPSession(page);
await cdp.send('HeapProfiler.collectGarbage');
const { usedSize } = await cdp.send('Runtime.getHeapUsage');
await browser.close();
server.close();

console.log(`site ${siteDir}: ${meta.docs} documents, ${meta.shards.length} shards; Chromium ${browser.version ? browser.version() : ''}; load average ${load0} at the start, ${os.loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`);
console.log(`${'query'.padEnd(24)} ${'files'.padStart(5)} ${'KiB sent'.padStart(9)} ${'ms'.padStart(6)} ${'range'.padStart(9)} ${'all ms'.padStart(6)} ${'range'.padStart(9)} ${'busy ms'.padStart(7)} ${'results'.padStart(7)} marks`);
console.log(`(first query on a fresh page${keyDelay ? `, typed ${keyDelay} ms per key` : ''}; ms = last keystroke → first results in the DOM, all ms → the whole list, debounce included; ` +
  `busy = main-thread task time while typing and searching; medians and ranges of ${rounds})`);
for (const r of rows) console.log(r);
for (const s of sessions) console.log(s);
console.log(`largest first query: ${kb(worstFirst)} KiB; largest 3-query session: ${kb(worstSession)} KiB; slowest median: ${worstMs.toFixed(0)} ms, whole list ${worstAll.toFixed(0)} ms ` +
  `(busy ${worstBusy.toFixed(0)} ms); slowest single first query: ${maxMs.toFixed(0)} ms, whole list ${maxAll.toFixed(0)} ms; ` +
  `JS heap after all ${QUERIES.length} queries on one page: ${(usedSize / 1048576).toFixed(1)} MiB; search code: ${kb(codeBytes)} KiB gzip (${codeFiles.size} files)`);
