#!/usr/bin/env node
// Query a built site from the command line with exactly the browser's code:
//   node theme/search/query.mjs <site-dir> "<query>"
// Prints the top 10 results as JSON lines {"url":…,"title":…,"score":…} (url is site-relative with #anchor).
// Files are read from <site-dir>/search/ as the browser fetches them (only the shards the query needs).
import fs from 'node:fs';
import path from 'node:path';
import { SearchEngine } from './search-core.mjs';
import { ShardedIndex } from './sharded-index.mjs';

/** A ShardedIndex over <siteDir>/search/; `onRead(file, bytes)` sees every file read. */
export function openIndex(siteDir, onRead) {
  return new ShardedIndex(async (f) => {
    const buf = fs.readFileSync(path.join(siteDir, 'search', f));
    if (onRead) onRead(f, buf);
    return buf;
  });
}

export function openSite(siteDir, onRead) {
  return new SearchEngine(openIndex(siteDir, onRead));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [siteDir, query] = process.argv.slice(2);
  if (!siteDir || query === undefined) {
    process.stderr.write('usage: node theme/search/query.mjs <site-dir> "<query>"\n');
    process.exit(2);
  }
  const out = await openSite(siteDir).search(query, 10);
  for (const r of out.results) {
    process.stdout.write(JSON.stringify({ url: r.url, title: r.title, score: Math.round(r.score * 1000) / 1000 }) + '\n');
  }
}
