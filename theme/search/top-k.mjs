// Exact top-k over the sharded index without reading every posting (NRA-style early stopping).
//
// A large term's postings are a head (its `HeadDocs` highest-weight documents) and tail chunks by
// document range; `m` is the largest weight W (Σ of the term's field-vector elements in a document)
// in the tail. After the heads (and all of every small term) are read, a document's score is known
// exactly once each large term is resolved for it: found in the head, or its tail chunk is read.
// What is read gives every document a lower bound (its known contributions) and an upper bound (an
// unresolved term adds at most q·m; a document seen nowhere gains at most Σ q·m over the terms not
// read in full). θ = the k-th best lower bound among documents that pass the plan's filter whatever
// the unread postings hold. The loop reads the tail chunks of every document whose upper bound
// reaches θ (or a whole tail while an unseen document could), until all such documents are exact:
// the k that set θ are among them with scores ≥ θ, and every other document is below θ.
// Then the k best are those of a full evaluation, with the very same scores: a document's exact
// score is accumulated in the order ShardedIndex.query uses (term _index, then field), so it is
// bit-identical, and ties keep document order. The filter is three-valued (true / false / unknown
// while a term is unresolved), so a document is dropped only when it fails whatever the tails hold.
// tests/Site.Tests/Index/ShardedIndexDifferentialTests.cs compares this with lunr on whole indexes.

const SLACK = 1 + 1e-9; // bounds are inflated so float rounding never drops a document

/**
 * @param index a ShardedIndex
 * @param clauses OPTIONAL lunr clauses [{term, boost, wildcard}]
 * @param filter (entries) => (matched(k), unknown(k)) => 0 | 1 | 2 (fails, passes, unknown), or null
 * @param k how many results
 * @returns {hits: [{ref, score, terms: Set}] best first (at most k), partial: terms not read in full}
 */
export async function topK(index, clauses, filter, k) {
  const { entries, q, magnitude } = await index.expand(clauses);
  if (entries.length === 0) return { hits: [], partial: 0 };
  await Promise.all(entries.map((e) => index.head(e)));
  const test = filter ? filter(entries) : () => 1;
  const n = index.meta.docs;
  const fields = index.meta.fields.length;
  const words = Math.ceil(entries.length / 32);
  for (;;) {
    // exact contributions of everything read, in (term, field) order per document
    const raw = new Float64Array(n);
    const mask = new Uint32Array(n * words);
    const seen = new Uint8Array(n);
    const touched = [];
    for (let t = 0; t < entries.length; t++) {
      const word = t >> 5, bit = 1 << (t & 31);
      for (const part of index.parts(entries[t])) {
        for (let f = 0; f < fields; f++) {
          const { docs, w } = part[f];
          for (let i = 0; i < docs.length; i++) {
            const d = docs[i];
            raw[d] += q[t] * w[i];
            mask[d * words + word] |= bit;
            if (!seen[d]) { seen[d] = 1; touched.push(d); }
          }
        }
      }
    }
    const partial = [];
    for (let t = 0; t < entries.length; t++) if (!entries[t].full) partial.push(t);
    const bound = q.map((v, t) => v * entries[t].m / 1000); // the most an unread tail adds

    // per document: known contributions (a lower bound), unknown terms, upper bound, filter value
    let cur = 0;
    const unk = new Uint32Array(words);
    const has = (t) => (mask[cur * words + (t >> 5)] & (1 << (t & 31))) !== 0;
    const unknown = (t) => (unk[t >> 5] & (1 << (t & 31))) !== 0;
    let ub = 0, open = 0; // set by scan(d)
    const scan = (d) => {
      cur = d;
      unk.fill(0);
      ub = raw[d];
      open = 0;
      for (const t of partial) {
        if (has(t) || index.knows(entries[t], d)) continue;
        unk[t >> 5] |= 1 << (t & 31);
        ub += bound[t];
        open++;
      }
      return test(has, unknown);
    };
    // θ: the k-th best lower bound among documents that pass whatever the unread postings hold
    const candDoc = new Int32Array(touched.length), candUb = new Float64Array(touched.length);
    const candOpen = new Int32Array(touched.length), candPass = new Uint8Array(touched.length);
    let candCount = 0;
    const sure = new Float64Array(touched.length);
    let sureCount = 0;
    for (const d of touched) {
      const pass = scan(d);
      if (pass === 0) continue;
      candDoc[candCount] = d; candUb[candCount] = ub; candOpen[candCount] = open; candPass[candCount++] = pass;
      if (pass === 1) sure[sureCount++] = raw[d] / magnitude || 0;
    }
    let theta = -Infinity;
    if (sureCount >= k) theta = sure.subarray(0, sureCount).sort()[sureCount - k];

    // documents that may reach θ must be exact: read the tail chunks they are unresolved in
    const need = new Map(); // term → Set of chunks
    const exact = [];
    for (let c = 0; c < candCount; c++) {
      if ((candUb[c] / magnitude) * SLACK < theta) continue;
      const d = candDoc[c];
      if (candOpen[c] === 0) { if (candPass[c] === 1) exact.push({ d, score: raw[d] / magnitude || 0 }); continue; }
      scan(d);
      for (const t of partial) {
        if (!unknown(t)) continue;
        if (!need.has(t)) need.set(t, new Set());
        need.get(t).add(index.chunkOf(entries[t], d));
      }
    }
    if (partial.length > 0 && test(() => false, (t) => !entries[t].full) !== 0) {
      // an unseen document may still reach θ: read whole tails, widest bound first, until the
      // bound of the terms left unread is below θ (θ only grows as more is read)
      let unseen = 0;
      for (const t of partial) unseen += bound[t];
      for (const t of partial.slice().sort((a, b) => bound[b] - bound[a])) {
        if ((unseen / magnitude) * SLACK < theta) break;
        need.set(t, new Set(entries[t].firsts.map((_, c) => c)));
        unseen -= bound[t];
      }
    }
    if (need.size === 0) {
      exact.sort((a, b) => b.score - a.score || a.d - b.d);
      const hits = exact.slice(0, k).map(({ d, score }) => {
        cur = d;
        return { ref: String(d), score, terms: new Set(entries.filter((_, t) => has(t)).map((e) => e.term)) };
      });
      return { hits, partial: partial.length };
    }
    const loads = [];
    for (const [t, chunks] of need) {
      const e = entries[t];
      const missing = e.firsts.map((_, c) => c).filter((c) => !e.tails[c]);
      const read = chunks.size * 2 > missing.length ? missing : [...chunks].filter((c) => !e.tails[c]);
      for (const c of read) loads.push(index.tail(e, c));
    }
    await Promise.all(loads);
  }
}
