#!/usr/bin/env node
// Differential-test harness: builds a lunr index with lunr.js + our tokenizer and prints
// JSON.stringify(index) (what src/Index/LunrIndexBuilder.cs must reproduce byte for byte).
//   node theme/search/build-index.mjs [spec.json]      (spec from stdin when no file is given)
// spec: {"fields":[{"name":"title","boost":10},…],"documents":[{"ref":"0","fields":{"title":"…"},"boost":2},…]}
// A spec may also be {"batch":[spec, spec, …]}: then one JSON line per spec.
import fs from 'node:fs';
import { buildIndex } from './search-core.mjs';
import { loadLunr } from './node-lunr.mjs';

const input = process.argv[2] ? fs.readFileSync(process.argv[2], 'utf8') : fs.readFileSync(0, 'utf8');
const spec = JSON.parse(input);
const lunr = loadLunr(process.env.LUNR_SITE_DIR);
lunr.utils.warn = () => {};
const specs = spec.batch || [spec];
const out = specs.map((s) => JSON.stringify(buildIndex(lunr, s)));
process.stdout.write(out.join('\n') + '\n');
