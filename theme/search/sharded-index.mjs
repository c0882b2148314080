// The sharded search index (written by src/Index/WriteSearchShards.cs; format there) and a query
// executor that scores exactly like lunr 2.3.9's Index.query on the whole index. Files other than
// meta.json are stored gzip-compressed and inflated here (inflate.mjs, synchronously: cheaper than
// DecompressionStream for small files); a file that arrives already inflated (a host that set
// Content-Encoding) is used as it is.
// A large term's postings are a head (its highest-weight documents) and tail chunks by document
// range; query() reads them all, top-k.mjs reads tail chunks only where its bound requires.
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

import { gunzip } from './inflate.mjs';

/** Binary search: the last index i with arr[i] <= key (0 when none). */
function lastAtMost(arr, key) {
  let lo = 0, hi = arr.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (arr[mid] <= key) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** The bytes of a stored file, inflated if they are gzip (magic 1f 8b). */
export function inflate(bytes) {
  const b = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (b.length < 2 || b[0] !== 0x1f || b[1] !== 0x8b) return b;
  return gunzip(b);
}

const utf8 = new TextDecoder();

/**
 * Per field {docs: Int32Array, w: Float64Array} from a binary postings blob (src/Index/PostingsBlob.cs):
 * per field a varint count, then (document delta, weight × 1000) varint pairs. The varints are read
 * inline (a query's first blobs are decoded before the JIT has compiled this).
 */
export function decodeBlob(b, fieldCount) {
  let at = 0;
  const out = [];
  for (let f = 0; f < fieldCount; f++) {
    let c = b[at++], n = c & 0x7f;
    for (let mul = 128; c & 0x80; mul *= 128) { c = b[at++]; n += (c & 0x7f) * mul; }
    const docs = new Int32Array(n);
    const w = new Float64Array(n);
    let d = 0;
    for (let i = 0; i < n; i++) {
      c = b[at++];
      let v = c & 0x7f;
      for (let mul = 128; c & 0x80; mul *= 128) { c = b[at++]; v += (c & 0x7f) * mul; }
      d += v;
      docs[i] = d;
      c = b[at++];
      v = c & 0x7f;
      for (let mul = 128; c & 0x80; mul *= 128) { c = b[at++]; v += (c & 0x7f) * mul; }
      w[i] = v / 1000;
    }
    out.push({ docs, w });
  }
  return out;
}

/** Per field {docs, w} from inline JSON postings ([[doc delta, millis, …] per field]). */
function decodeInline(raw) {
  return raw.map((pairs) => {
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
}

export class ShardedIndex {
  /**
   * @param {(path: string) => Promise<Uint8Array|ArrayBuffer>} fetchBytes loads a file relative to the
   *   site's search/ folder ("meta.json", "t/3.json.gz", …) and returns its bytes (gzip or not).
   */
  constructor(fetchBytes) {
    this.fetchBytes = fetchBytes;
    this.meta = null;
    this._meta = null;
    this._shards = new Map();
    this._chunks = new Map();
    this._headIdx = new Map(); // large term → _index (meta.json "heads")
    this._headBytes = new Map(); // _index → Promise of a head file's bytes, fetched ahead (prefetchHeads); null once read
  }

  async _json(path) {
    return JSON.parse(utf8.decode(inflate(await this.fetchBytes(path))));
  }

  async open() {
    if (!this._meta) {
      this._meta = this._json('meta.json').then((m) => { this.meta = m; this._headIdx = new Map(m.heads || []); return m; });
      this._meta.catch(() => { this._meta = null; });
    }
    return this._meta;
  }

  /**
   * Starts fetching the heads of those `terms` that are large (listed in meta.json), alongside their
   * dictionary shards: head() then waits for these bytes instead of a request of its own.
   */
  prefetchHeads(terms) {
    for (const t of terms) {
      const idx = this._headIdx.get(t);
      if (idx === undefined || this._headBytes.has(idx)) continue;
      const p = this.fetchBytes(`p/${idx}.gz`);
      p.catch(() => {}); // head() retries on its own
      this._headBytes.set(idx, p);
    }
  }

  /** Shard number holding `term` (if it exists). */
  shardOf(term) {
    return lastAtMost(this.meta.shards, term);
  }

  /**
   * A parsed shard: {terms: sorted strings, byTerm: {get(term) → entry}, suffix: Map(char → bigrams)}.
   * An entry object is made when a term is first looked up (a query looks up a few of a shard's ~1,000).
   */
  shard(i) {
    let p = this._shards.get(i);
    if (!p) {
      p = this._json(`t/${i}.json.gz`).then((raw) => {
        const rows = raw.t;
        const terms = rows.map((r) => r[0]);
        const at = new Map(terms.map((t, k) => [t, k]));
        const made = new Map();
        const byTerm = {
          get(term) {
            let e = made.get(term);
            if (e) return e;
            const k = at.get(term);
            if (k === undefined) return undefined;
            const [, idx, df, post, m, firsts] = rows[k];
            e = { term, idx, df, inline: post || null, m: m || 0, firsts: firsts || [], head: null, tails: [], loading: new Map(), full: false };
            made.set(term, e);
            return e;
          },
        };
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

  /** True if entry `e`'s head costs no new request: inline, read, or fetched ahead (prefetchHeads). */
  headAhead(e) {
    return !!e.head || !!e.inline || this._headBytes.has(e.idx) || e.loading.has('h');
  }

  /** Loads the head of an entry (all of a small term's postings); returns it (per field {docs, w}). */
  head(e) {
    if (e.head) return Promise.resolve(e.head);
    return this._load(e, 'h', async () => {
      if (e.inline) { e.head = decodeInline(e.inline); e.inline = null; } else {
        const ahead = this._headBytes.get(e.idx);
        this._headBytes.set(e.idx, null); // read: not fetched again by prefetchHeads
        const path = `p/${e.idx}.gz`;
        const bytes = await (ahead ? ahead.catch(() => this.fetchBytes(path)) : this.fetchBytes(path));
        e.head = decodeBlob(inflate(bytes), this.meta.fields.length);
      }
      this._update(e);
      return e.head;
    });
  }

  /** Loads tail chunk `c` of a large term. */
  tail(e, c) {
    if (e.tails[c]) return Promise.resolve(e.tails[c]);
    return this._load(e, c, async () => {
      e.tails[c] = decodeBlob(inflate(await this.fetchBytes(`p/${e.idx}-${c}.gz`)), this.meta.fields.length);
      this._update(e);
      return e.tails[c];
    });
  }

  _load(e, key, run) {
    let p = e.loading.get(key);
    if (!p) { p = run(); e.loading.set(key, p); p.catch(() => e.loading.delete(key)); }
    return p;
  }

  _update(e) {
    let all = !!e.head;
    for (let c = 0; all && c < e.firsts.length; c++) all = !!e.tails[c];
    e.full = all;
  }

  /** The tail chunk of entry `e` whose document range holds document `d`. */
  chunkOf(e, d) {
    return lastAtMost(e.firsts, d);
  }

  /** True if entry `e`'s postings of document `d` are loaded (or known to be none). */
  knows(e, d) {
    return e.full || !!e.tails[this.chunkOf(e, d)];
  }

  /** The loaded parts of an entry (head, then tail chunks), each per field {docs, w}. */
  parts(e) {
    const out = e.head ? [e.head] : [];
    for (const t of e.tails) if (t) out.push(t);
    return out;
  }

  /** All postings of an entry (head and every tail chunk), as parts. */
  async postings(e) {
    await this.head(e);
    await Promise.all(e.firsts.map((_, c) => this.tail(e, c)));
    return this.parts(e);
  }

  /**
   * The clauses' dictionary entries in ascending _index with their query-vector values (lunr's
   * queryVectors[field].upsert(idx, boost, +)) and the query vector's magnitude.
   */
  async expand(clauses) {
    await this.open();
    const expansions = await Promise.all(clauses.map(async (c) => {
      if (c.wildcard) return (await this.prefix(c.term)).entries;
      const e = await this.entry(c.term);
      return e ? [e] : [];
    }));
    const qv = new Map();
    const byIdx = new Map();
    for (let i = 0; i < clauses.length; i++) {
      const boost = clauses[i].boost === undefined ? 1 : clauses[i].boost;
      for (const e of expansions[i]) {
        qv.set(e.idx, (qv.get(e.idx) || 0) + boost);
        byIdx.set(e.idx, e);
      }
    }
    const entries = [...byIdx.values()].sort((a, b) => a.idx - b.idx);
    const q = entries.map((e) => qv.get(e.idx));
    let sumSq = 0;
    for (const v of q) sumSq += v * v;
    return { entries, q, magnitude: Math.sqrt(sumSq) };
  }

  /**
   * Runs OPTIONAL clauses [{term, boost = 1, wildcard = false}] (wildcard: trailing, term*).
   * Returns [{ref, score, terms: Set of matched terms}] best first, like lunr.Index.query.
   */
  async query(clauses) {
    const { entries: ordered, q: qs, magnitude } = await this.expand(clauses);
    if (ordered.length === 0) return [];
    const fieldCount = this.meta.fields.length;
    const decoded = await Promise.all(ordered.map((e) => this.postings(e)));

    // Per document: Σ over fields of the dot products, each accumulated in ascending term _index like
    // lunr.Vector.dot. Summing a document's fields before dividing by |q| (lunr divides each field
    // first) changes a score by rounding only (~1e-16 relative). Matched terms are bits per document.
    // A document is in one part of a term only, so the order of additions is (term, field) either way.
    const n = this.meta.docs;
    const words = Math.ceil(ordered.length / 32);
    const score = new Float64Array(n);
    const mask = new Uint32Array(n * words);
    const touched = new Uint8Array(n);
    for (let k = 0; k < ordered.length; k++) {
      const q = qs[k];
      const word = k >> 5, bit = 1 << (k & 31);
      for (const part of decoded[k]) {
        for (let f = 0; f < fieldCount; f++) {
          const { docs: ds, w } = part[f];
          for (let i = 0; i < ds.length; i++) {
            const d = ds[i];
            score[d] += q * w[i];
            mask[d * words + word] |= bit;
            touched[d] = 1;
          }
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
      p = this._json(`d/${c}.json.gz`).then((raw) => ({ notes: new Map(raw.notes.map(([i, u, t]) => [i, [u, t]])), docs: raw.docs }));
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
