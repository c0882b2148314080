// Differential check of the sharded engine against lunr itself, driven by ShardedIndexDifferentialTests.cs:
//   node sharded-differential.mjs <site-dir>   (stdin: {"clauses":[[clause…]…], "queries":["raw query"…]})
// <site-dir>/search/ holds index.json (the full lunr index) and the shards. For every clause list the
// sharded engine's results must equal lunr.Index.load(index.json).query(…) with the same OPTIONAL
// clauses: same documents in the same order (ties in any order), scores within 1e-9, same matched
// terms. Raw queries go through the site's plan (planQuery with the sharded dictionary), then both
// engines, then applyPlan; and through searchTop (top-k.mjs: heads first, tail chunks only where the
// bound requires) for k = 1, 3, 10: the same mode, the same first k documents in the same order (ties
// by document order, as lunr's results sort) and the same scores. Prints
// {"compared":n,"nonEmpty":n,"topk":n,"early":n,"failures":[…]}; early counts top-k runs that
// stopped with some term's tail unread.
import fs from 'node:fs';
import path from 'node:path';
import { lunrQuery, planQuery, applyPlan, searchTop } from '../../../theme/search/search-core.mjs';
import { loadLunr } from '../../../theme/search/node-lunr.mjs';
import { openIndex } from '../../../theme/search/query.mjs';
import { topK } from '../../../theme/search/top-k.mjs';

const [siteDir] = process.argv.slice(2);
const spec = JSON.parse(fs.readFileSync(0, 'utf8'));
const lunr = loadLunr();
lunr.utils.warn = () => {};
const full = lunr.Index.load(JSON.parse(fs.readFileSync(path.join(siteDir, 'search', 'index.json'), 'utf8')));
const failures = [];
let compared = 0;
let nonEmpty = 0;
let topk = 0;
let early = 0;

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
  const want = lunrQuery(lunr, full, clauses);
  same(`clauses #${i} ${JSON.stringify(clauses)}`, await sharded.query(clauses), want);
  const top = await topK(openIndex(siteDir), clauses, null, 5);
  topk++;
  if (top.partial > 0) early++;
  const ref = want.sort((x, y) => y.score - x.score || Number(x.ref) - Number(y.ref)).slice(0, 5);
  const ok = top.hits.length === ref.length && top.hits.every((h, r) => Math.abs(h.score - ref[r].score) <= 1e-9 &&
    want.some((o) => o.ref === h.ref && Math.abs(o.score - h.score) <= 1e-9));
  if (!ok) failures.push(`top 5 of clauses #${i}: ${JSON.stringify(top.hits.map((h) => [h.ref, h.score]))} vs lunr ${JSON.stringify(ref.map((h) => [h.ref, h.score]))}`);
}
for (const q of spec.queries) {
  const sharded = openIndex(siteDir);
  const plan = await planQuery(sharded, q);
  const a = applyPlan(plan, await sharded.query(plan.clauses));
  const b = applyPlan(plan, lunrQuery(lunr, full, plan.clauses));
  if (a.mode !== b.mode) failures.push(`query ${JSON.stringify(q)}: mode ${a.mode} vs ${b.mode}`);
  same(`query ${JSON.stringify(q)} (clauses ${JSON.stringify(plan.clauses)})`, a.hits, b.hits);
  // lunr's own order for ties is not stable across engines: rank the reference by (score, ref)
  const ref = b.hits.slice().sort((x, y) => y.score - x.score || Number(x.ref) - Number(y.ref));
  for (const k of [1, 3, 10]) {
    const fresh = openIndex(siteDir);
    const top = await searchTop(fresh, await planQuery(fresh, q), k);
    topk++;
    if (top.partial > 0) early++;
    const label = `top ${k} of ${JSON.stringify(q)}`;
    if (top.mode !== b.mode) { failures.push(`${label}: mode ${top.mode} vs ${b.mode}`); continue; }
    const want = ref.slice(0, k);
    if (top.hits.length !== want.length) { failures.push(`${label}: ${top.hits.length} hits vs ${want.length}`); continue; }
    // rank by rank the same scores; every hit is lunr's with lunr's score and matched terms; every
    // document lunr ranks clearly above the k-th score is there (a tie within 1e-9 may swap documents)
    const byRef = new Map(b.hits.map((h) => [h.ref, h]));
    const bad = [];
    top.hits.forEach((h, i) => {
      const o = byRef.get(h.ref);
      if (Math.abs(h.score - want[i].score) > 1e-9) bad.push(`#${i} score ${h.score} vs lunr's #${i} ${want[i].score}`);
      else if (!o || Math.abs(o.score - h.score) > 1e-9) bad.push(`#${i} ref ${h.ref} score ${h.score} vs lunr ${o ? o.score : 'no hit'}`);
      else if ([...h.terms].sort().join(' ') !== [...o.terms].sort().join(' ')) bad.push(`#${i} ref ${h.ref} matched [${[...h.terms]}] vs lunr [${[...o.terms]}]`);
    });
    const refs = new Set(top.hits.map((h) => h.ref));
    const last = want.length ? want[want.length - 1].score : Infinity;
    for (const o of want) if (o.score > last + 1e-9 && !refs.has(o.ref)) bad.push(`lunr's ref ${o.ref} (${o.score}) missing`);
    if (bad.length) failures.push(`${label}: ${bad.slice(0, 3).join('; ')}`);
  }
}
process.stdout.write(JSON.stringify({ compared, nonEmpty, topk, early, failures }) + '\n');
