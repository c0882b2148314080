#!/usr/bin/env node
// Search benchmark (not a test): index size and query latency of a built site, using the browser's
// own query code (theme/search/search-core.mjs) and the site's lunr.min.js.
//   node bench/search-bench.mjs <site-dir> [rounds=20]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { SearchEngine } from '../theme/search/search-core.mjs';
import { loadLunr } from '../theme/search/node-lunr.mjs';

const [siteDir, roundsArg] = process.argv.slice(2);
if (!siteDir) { console.error('usage: node bench/search-bench.mjs <site-dir> [rounds]'); process.exit(2); }
const rounds = Number(roundsArg || 20);
const QUERIES = ['张量并行', '张', '量', '注意力', '学习率', '微调', '分布式训练', 'lora', 'LoRA 微调', 'ZeRO-3', 'zero',
  'LLaMA2-7B', 'llama', 'trans', 'transformer attention', 'adam', 'gpt-4', 'batch size', '梯度 累积', 'kv cache',
  '混合精度', 'softmax', '位置编码', 'rope', '显存', 'xyzzy-no-match', '不存在的词语'];

const kb = (n) => (n / 1024).toFixed(1) + ' KiB';
const sizes = {};
for (const f of ['index.json', 'docs.json']) {
  const buf = fs.readFileSync(path.join(siteDir, 'search', f));
  sizes[f] = { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
  console.log(`${f.padEnd(11)} raw ${kb(sizes[f].raw).padStart(11)}   gzip ${kb(sizes[f].gzip).padStart(10)}`);
}
console.log(`${'total'.padEnd(11)} raw ${kb(sizes['index.json'].raw + sizes['docs.json'].raw).padStart(11)}   gzip ${kb(sizes['index.json'].gzip + sizes['docs.json'].gzip).padStart(10)}`);

const lunr = loadLunr(siteDir);
lunr.utils.warn = () => {};
let t0 = performance.now();
const idx = JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'index.json'), 'utf8'));
const docs = JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'docs.json'), 'utf8'));
const engine = new SearchEngine(lunr, idx, docs);
console.log(`load (parse + lunr.Index.load): ${(performance.now() - t0).toFixed(1)} ms; ${docs.docs.length} docs, ${idx.invertedIndex.length} terms`);

for (const q of QUERIES) engine.search(q, 20); // warm-up
const times = [];
const perQuery = new Map();
for (let r = 0; r < rounds; r++) {
  for (const q of QUERIES) {
    t0 = performance.now();
    const out = engine.search(q, 20);
    const dt = performance.now() - t0;
    times.push(dt);
    if (!perQuery.has(q)) perQuery.set(q, { hits: out.results.length, mode: out.mode, times: [] });
    perQuery.get(q).times.push(dt);
  }
}
const pct = (arr, p) => { const s = [...arr].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };
console.log(`query latency over ${QUERIES.length} queries × ${rounds} rounds: p50 ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms`);
for (const [q, s] of perQuery) console.log(`  ${q.padEnd(24)} ${String(s.hits).padStart(3)} hits (${s.mode.padEnd(4)})  p50 ${pct(s.times, 50).toFixed(2)} ms`);
