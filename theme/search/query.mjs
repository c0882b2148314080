#!/usr/bin/env node
// Query a built site from the command line with exactly the browser's code:
//   node theme/search/query.mjs <site-dir> "<query>"
// Prints the top 10 results as JSON lines {"url":…,"title":…,"score":…} (url is site-relative with #anchor).
import fs from 'node:fs';
import path from 'node:path';
import { SearchEngine } from './search-core.mjs';
import { loadLunr } from './node-lunr.mjs';

export function openSite(siteDir) {
  const lunr = loadLunr(siteDir);
  lunr.utils.warn = () => {};
  const read = (f) => JSON.parse(fs.readFileSync(path.join(siteDir, 'search', f), 'utf8'));
  return new SearchEngine(lunr, read('index.json'), read('docs.json'));
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const [siteDir, query] = process.argv.slice(2);
  if (!siteDir || query === undefined) {
    process.stderr.write('usage: node theme/search/query.mjs <site-dir> "<query>"\n');
    process.exit(2);
  }
  const engine = openSite(siteDir);
  const out = engine.search(query, 10);
  for (const r of out.results) {
    process.stdout.write(JSON.stringify({ url: r.url, title: r.title, score: Math.round(r.score * 1000) / 1000 }) + '\n');
  }
}
