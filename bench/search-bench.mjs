#!/usr/bin/env node
// Search benchmark (not a test): what a query downloads from the sharded index and how long the
// browser's own engine (theme/search/search-core.mjs + sharded-index.mjs) takes, on a built site.
//   node bench/search-bench.mjs <site-dir> [rounds=5]
// Sizes are what a static host transfers: *.gz files as stored (already gzip; compressing again gains
// nothing), other files (meta.json) gzip -6; "raw" is the inflated size.
// "first query" = a fresh page: meta.json + the shards + the display chunks of the top 20.
// "session" = three different queries on one page (files are fetched once).
// Time is wall (reading files from disk, not the network) and CPU (user + system of this process,
// which does not depend on the machine's load).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { openSite } from '../theme/search/query.mjs';

const [siteDir, roundsArg] = process.argv.slice(2);
if (!siteDir) { console.error('usage: node bench/search-bench.mjs <site-dir> [rounds]'); process.exit(2); }
const rounds = Number(roundsArg || 5);
const QUERIES = ['张量并行', '梯度检查点', '注意力机制', '学习率 warmup', 'LoRA 微调', 'rag 和 sft 区别', 'ZeRO-3', 'chatglm2',
  'llama3', 'langchian', 'transformer attention', 'kv cache', '量', 'xyzzy-no-match'];
const SESSIONS = [['LoRA 微调', '梯度检查点', 'kv cache'], ['张量并行', 'transformer attention', '学习率 warmup']];
const LIMIT = 20;

const kb = (n) => (n / 1024).toFixed(1);
const gz = new Map();
const sizes = (f, buf) => {
  if (!gz.has(f)) gz.set(f, f.endsWith('.gz') ? { raw: zlib.gunzipSync(buf).length, gz: buf.length } : { raw: buf.length, gz: zlib.gzipSync(buf, { level: 6 }).length });
  return gz.get(f);
};

async function measure(queries) {
  const read = new Map();
  const engine = openSite(siteDir, (f, buf) => read.set(f, sizes(f, buf)));
  const times = [];
  const cpu = [];
  let results = 0;
  for (const q of queries) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const out = await engine.search(q, LIMIT);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
    times.push(performance.now() - t0);
    results = out.results.length;
  }
  let raw = 0, gzip = 0;
  for (const v of read.values()) { raw += v.raw; gzip += v.gz; }
  return { files: read.size, raw, gzip, times, cpu, results };
}

const code = ['search-ui.mjs', 'search-core.mjs', 'sharded-index.mjs', 'top-k.mjs', 'tokenizer.mjs']
  .map((f) => fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'theme', 'search', f)));
const codeGz = code.reduce((n, b) => n + zlib.gzipSync(b, { level: 6 }).length, 0);
const meta = JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'meta.json'), 'utf8'));
console.log(`site ${siteDir}: ${meta.docs} documents, ${meta.shards.length} shards; search code ${kb(codeGz)} KiB gzip`);
console.log(`${'query'.padEnd(24)} ${'files'.padStart(5)} ${'raw KiB'.padStart(9)} ${'gzip KiB'.padStart(9)} ${'wall ms'.padStart(8)} ${'cpu ms'.padStart(7)} results   (medians)`);
let worstFirst = 0;
let worstCpu = 0;
for (const q of QUERIES) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await measure([q]));
  const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const med = median(runs.map((r) => r.times[0]));
  const medCpu = median(runs.map((r) => r.cpu[0]));
  const r = runs[0];
  worstFirst = Math.max(worstFirst, r.gzip);
  worstCpu = Math.max(worstCpu, medCpu);
  console.log(`${q.padEnd(24)} ${String(r.files).padStart(5)} ${kb(r.raw).padStart(9)} ${kb(r.gzip).padStart(9)} ${med.toFixed(0).padStart(8)} ${medCpu.toFixed(0).padStart(7)} ${r.results}`);
}
for (const s of SESSIONS) {
  const r = await measure(s);
  console.log(`session ${JSON.stringify(s)}: ${r.files} files, ${kb(r.gzip)} KiB gzip, ${r.times.map((t) => t.toFixed(0)).join('/')} ms wall, ${r.cpu.map((t) => t.toFixed(0)).join('/')} ms cpu`);
}
if (global.gc) global.gc();
console.log(`largest first query: ${kb(worstFirst)} KiB gzip; slowest median: ${worstCpu.toFixed(0)} ms cpu; node heap after the run: ${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MiB`);
