#!/usr/bin/env node
// CPU of a first query's ranking, without the network and before the JIT warms up (not a test):
//   node --no-opt --no-sparkplug bench/search-cold-rank.mjs <site-dir> "<query>" [rounds=3]
// Runs rank(query, 20) of theme/search (SEARCH_CODE=<dir>: another checkout's, to compare) in a fresh
// process per round, on a cold engine whose files are read into memory beforehand (the file list comes
// from a child process, so this process has run none of the engine's code before the timed call).
// Prints the smallest process CPU (user + system) and wall time of the rounds, ms. With --no-opt
// --no-sparkplug V8 interprets only, as a fresh page does before its JIT compiles the hot loops;
// CPU time is less sensitive than the browser benchmark to a machine shared with other work.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';

const [siteDir, query, roundsArg] = process.argv.slice(2);
if (!siteDir || query === undefined) { console.error('usage: node [--no-opt --no-sparkplug] bench/search-cold-rank.mjs <site-dir> "<query>" [rounds]'); process.exit(2); }
const code = process.env.SEARCH_CODE || path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', 'theme', 'search');
const load = async () => [await import(path.join(code, 'search-core.mjs')), await import(path.join(code, 'sharded-index.mjs'))];
const read = (f) => fs.readFileSync(path.join(siteDir, 'search', f));

if (process.env.COLD_RANK_MODE === 'list') { // child: the files the query reads
  const [{ SearchEngine }, { ShardedIndex }] = await load();
  const files = [];
  await new SearchEngine(new ShardedIndex(async (f) => { files.push(f); return read(f); })).rank(query, 20);
  process.stdout.write(JSON.stringify(files));
} else if (process.env.COLD_RANK_MODE === 'time') { // child: one cold ranking
  const files = new Map(JSON.parse(process.env.COLD_RANK_FILES).map((f) => [f, read(f)]));
  const [{ SearchEngine }, { ShardedIndex }] = await load();
  const index = new ShardedIndex(async (f) => files.get(f) || read(f));
  await index.open();
  const c0 = process.cpuUsage(), t0 = performance.now();
  await new SearchEngine(index).rank(query, 20);
  const t = performance.now() - t0, c = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ cpu: (c.user + c.system) / 1000, wall: t }));
} else {
  const self = new URL(import.meta.url).pathname;
  const run = (mode, extra = {}) => execFileSync(process.execPath, [...process.execArgv, self, siteDir, query], { env: { ...process.env, COLD_RANK_MODE: mode, ...extra } }).toString();
  const files = run('list');
  const rounds = Array.from({ length: Number(roundsArg || 3) }, () => JSON.parse(run('time', { COLD_RANK_FILES: files })));
  const min = (k) => Math.min(...rounds.map((r) => r[k])).toFixed(1);
  console.log(`${query}\tcpu ${min('cpu')} ms\twall ${min('wall')} ms\t(${JSON.parse(files).length} files, min of ${rounds.length}, ${process.execArgv.join(' ') || 'JIT on'})`);
}
