// The sharded search index (written by src/Index/WriteSearchShards.cs; format there) and a query
// executor that scores exactly like lunr 2.3.9's Index.query on the whole index.
//
// lunr's score of a document for a query is Σ over fields f of dot(q, v[f/doc]) / |q|, where q holds,
// per term _index, the sum of the boosts of the clauses that expanded to that term, and v[f/doc] is the
// field vector stored in index.json (Math.round(bm25 · boosts · 1000) / 1000). The shards keep exactly
// those vector elements (as integers ×1000) grouped by term, so a query needs only the shards of its
// terms. Sums run in lunr's order (ascending term _index in a dot product, fields in the order their
// field/doc pairs were first matched), so the floating-point results are lunr's to the last bit in
// practice; tests/Site.Tests/Index/ShardedIndexDifferentialTests.cs checks them within 1e-9.
//
// Presence (REQUIRED/PROHIBITED) only filters lunr's results; it never changes a score. Clauses here
// are therefore all OPTIONAL, and each result carries the terms it matched, so callers filter.

/** Binary search: the last index i with arr[i] <= key (0 when none). */
function lastAtMost(arr, key) {
  let lo = 0, hi = arr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (arr[mid] <= key) lo = mid; else hi = mid - 1;
  }
  return lo;
}

export class ShardedIndex {
  /**
   * @param {(path: string) => Promise<any>} fetchJson loads a file relative to the site's search/
   *   folder ("meta.json", "t/3.json", …) and returns the parsed JSON.
   */
  constructor(fetchJson) {
    this.fetchJson = fetchJson;
    this.meta = null;
    this._meta = null;
    this._shards = new Map();
    this._big = new Map();
    this._chunks = new Map();
  }

  async open() {
    if (!this._meta) this._meta = this.fetchJson('meta.json').then((m) => { this.meta = m; return m; });
    return this._meta;
  }

  /** Shard number holding `term` (if it exists). */
  shardOf(term) {
    return lastAtMost(this.meta.shards, term);
  }

  /** A parsed shard: {terms: sorted strings, byTerm: Map(term → entry), suffix: Map(char → bigrams)}. */
  shard(i) {
    let p = this._shards.get(i);
    if (!p) {
      p = this.fetchJson(`t/${i}.json`).then((raw) => {
        const byTerm = new Map();
        const terms = [];
        for (const [term, idx, df, post] of raw.t) {
          byTerm.set(term, { term, idx, df, post, decoded: null });
          terms.push(term);
        }
        return { terms, byTerm, suffix: new Map(raw.s) };
      });
      this._shards.set(i, p);
      p.catch(() => this._shards.delete(i));
    }
    return p;
  }

  /** Dictionary entry of an exact term, or null. */
  async entry(term) {
    await this.open();
    const s = await this.shard(this.shardOf(term));
    return s.byTerm.get(term) || null;
  }

  /** Shards whose range can hold terms starting with `prefix`. */
  prefixShards(prefix) {
    const shards = this.meta.shards;
    const out = [this.shardOf(prefix)];
    for (let i = out[0] + 1; i < shards.length && shards[i].startsWith(prefix); i++) out.push(i);
    return out;
  }

  /**
   * Entries of the terms starting with `prefix` (sorted), reading at most `maxShards` shards.
   * {entries, complete}: complete is false when more shards would hold more such terms.
   */
  async prefix(prefix, maxShards = Infinity) {
    await this.open();
    const all = this.prefixShards(prefix);
    const use = all.slice(0, maxShards);
    const shards = await Promise.all(use.map((i) => this.shard(i)));
    const entries = [];
    for (const s of shards) {
      let k = lowerBound(s.terms, prefix);
      for (; k < s.terms.length && s.terms[k].startsWith(prefix); k++) entries.push(s.byTerm.get(s.terms[k]));
    }
    return { entries, complete: use.length === all.length };
  }

  /** Bigrams ending with the single CJK character `ch`, most frequent first (the shard of `ch` lists them). */
  async suffix(ch) {
    await this.open();
    const s = await this.shard(this.shardOf(ch));
    return s.suffix.get(ch) || [];
  }

  /** The terms of the shard `term` falls in (for typo candidates near it). */
  async neighbours(term) {
    await this.open();
    const s = await this.shard(this.shardOf(term));
    return s.terms.map((t) => s.byTerm.get(t));
  }

  /** Decoded postings of an entry: per field {docs: Int32Array, w: Float64Array}. */
  async postings(e) {
    if (e.decoded) return e.decoded;
    let raw = e.post;
    if (raw === 0) {
      let p = this._big.get(e.idx);
      if (!p) { p = this.fetchJson(`p/${e.idx}.json`); this._big.set(e.idx, p); p.catch(() => this._big.delete(e.idx)); }
      raw = await p;
    }
    e.decoded = raw.map((pairs) => {
      const n = pairs.length >> 1;
      const docs = new Int32Array(n);
      const w = new Float64Array(n);
      let d = 0;
      for (let i = 0; i < n; i++) {
        d += pairs[2 * i];
        docs[i] = d;
        w[i] = pairs[2 * i + 1] / 1000; // the same double as the JSON number lunr reads
      }
      return { docs, w };
    });
    e.post = null;
    return e.decoded;
  }

  /**
   * Runs OPTIONAL clauses [{term, boost = 1, wildcard = false}] (wildcard: trailing, term*).
   * Returns [{ref, score, terms: Set of matched terms}] best first, like lunr.Index.query.
   */
  async query(clauses) {
    await this.open();
    const fieldCount = this.meta.fields.length;
    const expansions = await Promise.all(clauses.map(async (c) => {
      if (c.wildcard) return (await this.prefix(c.term)).entries;
      const e = await this.entry(c.term);
      return e ? [e] : [];
    }));
    // query vector: term _index → summed boost (lunr's queryVectors[field].upsert(idx, boost, +))
    const qv = new Map();
    const byIdx = new Map();
    for (let i = 0; i < clauses.length; i++) {
      const boost = clauses[i].boost === undefined ? 1 : clauses[i].boost;
      for (const e of expansions[i]) {
        qv.set(e.idx, (qv.get(e.idx) || 0) + boost);
        byIdx.set(e.idx, e);
      }
    }
    if (qv.size === 0) return [];
    const ordered = [...byIdx.values()].sort((a, b) => a.idx - b.idx);
    const decoded = await Promise.all(ordered.map((e) => this.postings(e)));
    const decodedOf = new Map(ordered.map((e, k) => [e.idx, decoded[k]]));
    let sumSq = 0;
    for (const e of ordered) { const v = qv.get(e.idx); sumSq += v * v; }
    const magnitude = Math.sqrt(sumSq);

    // dot products, accumulated in ascending term _index like lunr.Vector.dot
    const dot = new Map(); // field * 2^32-ish key: doc * fieldCount + field → sum
    const matched = new Map(); // doc → Set(terms)
    for (let k = 0; k < ordered.length; k++) {
      const e = ordered[k];
      const q = qv.get(e.idx);
      const post = decoded[k];
      for (let f = 0; f < fieldCount; f++) {
        const { docs, w } = post[f];
        for (let i = 0; i < docs.length; i++) {
          const key = docs[i] * fieldCount + f;
          const prev = dot.get(key);
          dot.set(key, prev === undefined ? q * w[i] : prev + q * w[i]);
          let m = matched.get(docs[i]);
          if (!m) matched.set(docs[i], (m = new Set()));
          m.add(e.term);
        }
      }
    }

    // lunr visits field/doc pairs in the order they were first matched (clauses → expanded terms →
    // fields → documents ascending); a document's score sums its fields in that order and ties keep it
    const firstSeen = new Map(); // doc → [fields in first-match order]
    const seenPair = new Set();
    const docOrder = [];
    for (let i = 0; i < clauses.length; i++) {
      for (const e of expansions[i]) {
        const post = decodedOf.get(e.idx);
        for (let f = 0; f < fieldCount; f++) {
          const docs = post[f].docs;
          for (let j = 0; j < docs.length; j++) {
            const key = docs[j] * fieldCount + f;
            if (seenPair.has(key)) continue;
            seenPair.add(key);
            let fields = firstSeen.get(docs[j]);
            if (!fields) { firstSeen.set(docs[j], (fields = [])); docOrder.push(docs[j]); }
            fields.push(f);
          }
        }
      }
    }
    const results = docOrder.map((d) => {
      let score;
      for (const f of firstSeen.get(d)) {
        const s = dot.get(d * fieldCount + f) / magnitude || 0;
        score = score === undefined ? s : score + s;
      }
      return { ref: String(d), score, terms: matched.get(d) };
    });
    return results.sort((a, b) => b.score - a.score);
  }

  /** Display records of documents (numbers), fetching only their chunks. */
  async documents(refs) {
    await this.open();
    const size = this.meta.chunk;
    const need = [...new Set(refs.map((r) => Math.floor(Number(r) / size)))];
    await Promise.all(need.map((c) => this.chunk(c)));
    const out = [];
    for (const r of refs) {
      const n = Number(r);
      const c = await this.chunk(Math.floor(n / size));
      const d = c.docs[n - Math.floor(n / size) * size];
      if (!d) { out.push(null); continue; }
      const [note, sectionTitle, anchor, ancestors, text] = d;
      const [noteUrl, noteTitle] = c.notes.get(note) || ['', ''];
      out.push({
        ref: String(r), noteIndex: note, noteUrl, noteTitle, sectionTitle, anchor,
        ancestors: ancestors || [], text: text || '',
        url: noteUrl + (anchor ? '#' + anchor : ''),
        title: sectionTitle || noteTitle,
      });
    }
    return out;
  }

  chunk(c) {
    let p = this._chunks.get(c);
    if (!p) {
      p = this.fetchJson(`d/${c}.json`).then((raw) => ({ notes: new Map(raw.notes.map(([i, u, t]) => [i, [u, t]])), docs: raw.docs }));
      this._chunks.set(c, p);
      p.catch(() => this._chunks.delete(c));
    }
    return p;
  }
}

function lowerBound(arr, key) {
  let lo = 0, hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < key) lo = mid + 1; else hi = mid;
  }
  return lo;
}
