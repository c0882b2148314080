// Differential check of the sharded engine against lunr itself, driven by ShardedIndexDifferentialTests.cs:
//   node sharded-differential.mjs <site-dir>   (stdin: {"clauses":[[clause…]…], "queries":["raw query"…]})
// <site-dir>/search/ holds index.json (the full lunr index) and the shards. For every clause list the
// sharded engine's results must equal lunr.Index.load(index.json).query(…) with the same OPTIONAL
// clauses: same documents in the same order (ties in any order), scores within 1e-9, same matched
// terms. Raw queries go through the site's plan (planQuery with the sharded dictionary), then both
// engines, then applyPlan. Prints {"compared":n,"nonEmpty":n,"failures":[…]}.
import fs from 'node:fs';
import path from 'node:path';
import { lunrQuery, planQuery, applyPlan } from '../../../theme/search/search-core.mjs';
import { loadLunr } from '../../../theme/search/node-lunr.mjs';
import { openIndex } from '../../../theme/search/query.mjs';

const [siteDir] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(0, 'utf8'));
const lunr = loadLunr();
lunr.utils.warn = () => {};
const full = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'index.json'), 'utf8')));
const failures = [];
let compared = 0;
let nonEmpty = 0;

function same(label, a, b) {
  compared++;
  if (b.length > 0) nonEmpty++;
  if (a.length !== b.length) { failures.push(`${label}: ${a.length} results vs lunr ${b.length}`); return; }
  // order: equal up to ties (scores within 1e-9 may come in either order)
  const key = (h) => h.ref;
  for (let i = 0; i < a.length; i++) {
    if (Math.abs(a[i].score - b[i].score) > 1e-9) { failures.push(`${label}: #${i} score ${a[i].score} (ref ${a[i].ref}) vs lunr ${b[i].score} (ref ${b[i].ref})`); return; }
  }
  const byRef = new Map(b.map((h) => [key(h), h]));
  for (const h of a) {
    const o = byRef.get(key(h));
    if (!o) { failures.push(`${label}: ref ${h.ref} not in lunr's results`); return; }
    if (Math.abs(o.score - h.score) > 1e-9) { failures.push(`${label}: ref ${h.ref} score ${h.score} vs lunr ${o.score}`); return; }
    const ta = [...h.terms].sort().join(' '), tb = [...o.terms].sort().join(' ');
    if (ta !== tb) { failures.push(`${label}: ref ${h.ref} matched [${ta}] vs lunr [${tb}]`); return; }
  }
}

for (const [i, clauses] of spec.clauses.entries()) {
  const sharded = openIndex(siteDir); // fresh: nothing cached between queries
  same(`clauses #${i} ${JSON.stringify(clauses)}`, await sharded.query(clauses), lunrQuery(lunr, full, clauses));
}
for (const q of spec.queries) {
  const sharded = openIndex(siteDir);
  const plan = await planQuery(sharded, q);
  const a = applyPlan(plan, await sharded.query(plan.clauses));
  const b = applyPlan(plan, lunrQuery(lunr, full, plan.clauses));
  if (a.mode !== b.mode) failures.push(`query ${JSON.stringify(q)}: mode ${a.mode} vs ${b.mode}`);
  same(`query ${JSON.stringify(q)} (clauses ${JSON.stringify(plan.clauses)})`, a.hits, b.hits);
}
process.stdout.write(JSON.stringify({ compared, nonEmpty, failures }) + '\n');
