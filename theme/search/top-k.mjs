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
 * @param signal an AbortSignal (optional): stops between reads (throws its reason) once aborted
 * @param later a promise (optional): until it resolves, only heads already requested (or inline) are read
 * @returns {hits: [{ref, score, terms: Set}] best first (at most k), partial: terms not read in full}
 */
export async function topK(index, clauses, filter, k, signal, later) {
  const { entries, q, magnitude } = await index.expand(clauses);
  if (entries.length === 0) return { hits: [], partial: 0 };
  signal?.throwIfAborted();
  if (later) { // the heads already under way (or inline) first; other heads (and all tails) after `later`
    const ahead = entries.filter((e) => index.headAhead(e));
    await Promise.all(ahead.map((e) => index.head(e)));
    if (ahead.length < entries.length) { await later; later = null; signal?.throwIfAborted(); }
  }
  await Promise.all(entries.map((e) => index.head(e)));
  signal?.throwIfAborted();
  const test = filter ? filter(entries) : () => 1;
  const n = index.meta.docs;
  const fields = index.meta.fields.length;
  const words = Math.ceil(entries.length / 32);
  const T = entries.length;
  // What has been read, accumulated once per part across passes: a lower bound per document (its
  // known contributions, summed in whatever order the parts arrived; the exact score is recomputed
  // in lunr's order for the results, see exactScore) and the terms it was found in.
  const raw = new Float64Array(n);
  const mask = new Uint32Array(n * words);
  const seen = words === 1 ? null : new Uint8Array(n); // (one word: a document is new while its mask is 0)
  const touched = new Int32Array(n);
  let touchedCount = 0;
  const added = entries.map(() => new Set()); // per term: parts accumulated (-1 = head, c = tail chunk)
  // The hot loop of a first query, run before the JIT has optimized it: locals only, one mask read per posting.
  // `gate` (one mask word only): bits of terms every passing document has and whose postings are all
  // added; a document without them fails the filter whatever it holds, so it is skipped (it is then
  // already touched: it has the gate's bits).
  const addPart = (t, part, gate) => {
    const word = t >> 5, bit = 1 << (t & 31), qt = q[t];
    let count = touchedCount;
    for (let f = 0; f < fields; f++) {
      const { docs, w } = part[f];
      const len = docs.length;
      if (gate !== 0) {
        for (let i = 0; i < len; i++) {
          const d = docs[i];
          const m = mask[d];
          if ((m & gate) !== gate) continue;
          raw[d] += qt * w[i];
          mask[d] = m | bit;
        }
      } else if (seen === null) {
        for (let i = 0; i < len; i++) {
          const d = docs[i];
          raw[d] += qt * w[i];
          const m = mask[d];
          if (m === 0) touched[count++] = d;
          mask[d] = m | bit;
        }
      } else {
        for (let i = 0; i < len; i++) {
          const d = docs[i];
          raw[d] += qt * w[i];
          mask[d * words + word] |= bit;
          if (seen[d] === 0) { seen[d] = 1; touched[count++] = d; }
        }
      }
    }
    touchedCount = count;
  };
  let cur = 0;
  const unk = new Uint32Array(words);
  const has = (t) => (mask[cur * words + (t >> 5)] & (1 << (t & 31))) !== 0;
  const unknown = (t) => (unk[t >> 5] & (1 << (t & 31))) !== 0;
  /** The exact score of document d: lunr's additions in (term _index, field) order, as ShardedIndex.query. */
  const exactScore = (d) => {
    let s = 0;
    for (let t = 0; t < T; t++) {
      if ((mask[d * words + (t >> 5)] & (1 << (t & 31))) === 0) continue;
      const e = entries[t];
      const tail = e.firsts.length ? e.tails[index.chunkOf(e, d)] : null;
      for (const part of tail ? [e.head, tail] : [e.head]) {
        let found = false;
        for (let f = 0; f < fields; f++) {
          const { docs, w } = part[f];
          const i = indexOf(docs, d);
          if (i >= 0) { s += q[t] * w[i]; found = true; }
        }
        if (found) break; // a document is in one part of a term
      }
    }
    return s / magnitude || 0;
  };
  const addRead = (t, gate) => {
    const e = entries[t];
    if (e.head && !added[t].has(-1)) { added[t].add(-1); addPart(t, e.head, gate); }
    for (let c = 0; c < e.tails.length; c++) if (e.tails[c] && !added[t].has(c)) { added[t].add(c); addPart(t, e.tails[c], gate); }
  };
  // terms without which the filter fails whatever else a document matched (the filter is monotone)
  const necessary = [];
  if (words === 1) for (let t = 0; t < T; t++) if (test((u) => u !== t, () => false) === 0) necessary.push(t);
  necessary.sort((a, b) => entries[a].df - entries[b].df); // the rarest first: it gates the others most
  for (;;) {
    // necessary terms read in full first: the documents they lack need no more additions
    let gate = 0;
    for (const t of necessary) if (entries[t].full) { addRead(t, gate); gate |= 1 << (t & 31); }
    for (let t = 0; t < T; t++) addRead(t, gate & ~(1 << (t & 31)));
    const partial = [];
    for (let t = 0; t < T; t++) if (!entries[t].full) partial.push(t);
    const bound = q.map((v, t) => v * entries[t].m / 1000); // the most an unread tail adds

    // a term is resolved for a document where the document was found in it or its tail chunk is read:
    // `known`, by document, as ShardedIndex.knows (chunk c covers firsts[c] up to firsts[c + 1], chunk 0
    // from document 0)
    const known = partial.map((t) => {
      const e = entries[t];
      if (!e.tails.some(Boolean)) return null;
      const k1 = new Uint8Array(n);
      for (let c = 0; c < e.firsts.length; c++) if (e.tails[c]) k1.fill(1, c === 0 ? 0 : e.firsts[c], c + 1 < e.firsts.length ? e.firsts[c + 1] : n);
      return k1;
    });
    // the filter's value for touched document #c (memoized: 0 fails, 1 passes, 2 unknown yet)
    const ubs = new Float64Array(touchedCount), opens = new Int32Array(touchedCount);
    const passOf = new Int8Array(touchedCount).fill(-1);
    const scan = (c) => {
      cur = touched[c];
      unk.fill(0);
      if (opens[c] > 0) for (let j = 0; j < partial.length; j++) { const t = partial[j]; if (!has(t) && !(known[j] !== null && known[j][cur] === 1)) unk[t >> 5] |= 1 << (t & 31); }
      return cur;
    };
    // the filter depends on the matched and unknown terms only: with ≤ 26 terms (the two bit sets fit a
    // double exactly), one call per pattern
    const byPattern = T <= 26 ? new Map() : null;
    const pass = (c) => {
      if (passOf[c] < 0) {
        scan(c);
        if (byPattern) {
          const key = mask[cur] * (1 << T) + unk[0];
          let v = byPattern.get(key);
          if (v === undefined) byPattern.set(key, (v = test(has, unknown)));
          passOf[c] = v;
        } else passOf[c] = test(has, unknown);
      }
      return passOf[c];
    };
    // per touched document: upper bound and the number of terms still unresolved for it; and θ, the
    // k-th best lower bound among documents that pass whatever the unread postings hold (a min-heap
    // of the k best: the filter runs only on documents whose lower bound would enter it)
    const heap = new Float64Array(k);
    let heapN = 0;
    for (let c = 0; c < touchedCount; c++) {
      const d = touched[c];
      const low = raw[d];
      let ub = low, open = 0;
      for (let j = 0; j < partial.length; j++) {
        const t = partial[j];
        if ((mask[d * words + (t >> 5)] & (1 << (t & 31))) !== 0 || (known[j] !== null && known[j][d] === 1)) continue;
        ub += bound[t];
        open++;
      }
      ubs[c] = ub; opens[c] = open;
      if ((heapN < k || low > heap[0]) && pass(c) === 1) {
        if (heapN < k) heapUp(heap, heapN++, low);
        else heapDown(heap, k, low);
      }
    }
    const theta = heapN >= k ? heap[0] / magnitude || 0 : -Infinity;

    // documents that may reach θ must be exact: read the tail chunks they are unresolved in
    const need = new Map(); // term → Set of chunks
    const exact = [];
    for (let c = 0; c < touchedCount; c++) {
      if ((ubs[c] / magnitude) * SLACK < theta) continue;
      const v = pass(c);
      if (v === 0) continue;
      const d = touched[c];
      if (opens[c] === 0) { if (v === 1) exact.push(d); continue; }
      scan(c);
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
      const scored = exact.map((d) => ({ d, score: exactScore(d) }));
      scored.sort((a, b) => b.score - a.score || a.d - b.d);
      const hits = scored.slice(0, k).map(({ d, score }) => {
        cur = d;
        return { ref: String(d), score, terms: new Set(entries.filter((_, t) => has(t)).map((e) => e.term)) };
      });
      return { hits, partial: partial.length };
    }
    if (later) { await later; later = null; signal?.throwIfAborted(); } // (the first pass ran meanwhile)
    const loads = [];
    for (const [t, chunks] of need) {
      const e = entries[t];
      const missing = e.firsts.map((_, c) => c).filter((c) => !e.tails[c]);
      const read = chunks.size * 2 > missing.length ? missing : [...chunks].filter((c) => !e.tails[c]);
      for (const c of read) loads.push(index.tail(e, c));
    }
    if (loads.length === 0) throw new Error('top-k: a needed tail chunk is already read (no progress)'); // never loop forever
    await Promise.all(loads);
    signal?.throwIfAborted();
  }
}

/** Position of d in the ascending Int32Array docs, or -1. */
function indexOf(docs, d) {
  let lo = 0, hi = docs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = docs[mid];
    if (v === d) return mid;
    if (v < d) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** Min-heap of n + 1 values: adds v at the end (index n) and sifts it up. */
function heapUp(h, n, v) {
  while (n > 0) {
    const parent = (n - 1) >> 1;
    if (h[parent] <= v) break;
    h[n] = h[parent];
    n = parent;
  }
  h[n] = v;
}

/** Min-heap of n values: replaces the smallest with v and sifts it down. */
function heapDown(h, n, v) {
  let i = 0;
  for (;;) {
    let child = 2 * i + 1;
    if (child >= n) break;
    if (child + 1 < n && h[child + 1] < h[child]) child++;
    if (h[child] >= v) break;
    h[i] = h[child];
    i = child;
  }
  h[i] = v;
}
