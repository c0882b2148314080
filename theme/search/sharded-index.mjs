// The sharded search index (written by src/Index/WriteSearchShards.cs; format there) and a query
// executor that scores exactly like lunr 2.3.9's Index.query on the whole index.
//
// lunr's score of a document for a query is Σ over fields f of dot(q, v[f/doc]) / |q|, where q holds,
// per term _index, the sum of the boosts of the clauses that expanded to that term, and v[f/doc] is the
// field vector stored in index.json (Math.round(bm25 · boosts · 1000) / 1000). The shards keep exactly
// those vector elements (as integers ×1000) grouped by term, so a query needs only the shards of its
// terms. Dot products run in lunr's order (ascending term _index); a document's fields are summed
// before the division by |q| (lunr divides first), which differs by rounding only:
// tests/Site.Tests/Index/ShardedIndexDifferentialTests.cs checks the scores within 1e-9.
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

  /** Bigrams ending with the single CJK character `ch` as [{term, df}], most frequent first (the shard of `ch` lists them). */
  async suffix(ch) {
    await this.open();
    const s = await this.shard(this.shardOf(ch));
    return (s.suffix.get(ch) || []).map(([term, df]) => ({ term, df }));
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
    let sumSq = 0;
    for (const e of ordered) { const v = qv.get(e.idx); sumSq += v * v; }
    const magnitude = Math.sqrt(sumSq);

    // Per document: Σ over fields of the dot products, each accumulated in ascending term _index like
    // lunr.Vector.dot. Summing a document's fields before dividing by |q| (lunr divides each field
    // first) changes a score by rounding only (~1e-16 relative). Matched terms are bits per document.
    const n = this.meta.docs;
    const words = Math.ceil(ordered.length / 32);
    const score = new Float64Array(n);
    const mask = new Uint32Array(n * words);
    const touched = new Uint8Array(n);
    for (let k = 0; k < ordered.length; k++) {
      const q = qv.get(ordered[k].idx);
      const word = k >> 5, bit = 1 << (k & 31);
      for (let f = 0; f < fieldCount; f++) {
        const { docs: ds, w } = decoded[k][f];
        for (let i = 0; i < ds.length; i++) {
          const d = ds[i];
          score[d] += q * w[i];
          mask[d * words + word] |= bit;
          touched[d] = 1;
        }
      }
    }
    const terms = ordered.map((e) => e.term);
    const bitOf = new Map(terms.map((t, k) => [t, k]));
    const results = []; // in document order, so ties keep it (as lunr's do for a single term)
    for (let d = 0; d < n; d++) if (touched[d]) results.push(new Hit(d, score[d] / magnitude || 0, mask, words, terms, bitOf));
    results.sort((a, b) => b.score - a.score);
    /** Bit mask (per word) of the query's matched-term bits whose term satisfies `pred`; for Hit.any. */
    results.maskOf = (pred) => {
      const m = new Uint32Array(words);
      terms.forEach((t, k) => { if (pred(t)) m[k >> 5] |= 1 << (k & 31); });
      return m;
    };
    return results;
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

/** One result: ref, score and the terms it matched (a Set-like view over a bit mask). */
class Hit {
  constructor(doc, score, mask, words, terms, bitOf) {
    this.ref = String(doc);
    this.score = score;
    this._at = doc * words;
    this._mask = mask;
    this._terms = terms;
    this._bitOf = bitOf;
  }

  /** True if the hit matched a term whose bit is set in `m` (from results.maskOf). */
  any(m) {
    for (let w = 0; w < m.length; w++) if (this._mask[this._at + w] & m[w]) return true;
    return false;
  }

  /** {has(term), [Symbol.iterator]}: the matched terms. */
  get terms() {
    const self = this;
    return {
      has(t) {
        const k = self._bitOf.get(t);
        return k !== undefined && (self._mask[self._at + (k >> 5)] & (1 << (k & 31))) !== 0;
      },
      *[Symbol.iterator]() {
        for (let k = 0; k < self._terms.length; k++) if (self._mask[self._at + (k >> 5)] & (1 << (k & 31))) yield self._terms[k];
      },
    };
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
