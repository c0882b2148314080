// Node/test helper: the sharded index files (the format of src/Index/WriteSearchShards.cs) made from a
// serialized lunr index and a docs.json, in memory. Lets JavaScript tests run the site's engine on
// small indexes built by lunr itself. Not used by the site.
import { isSingleCjk, isCjkToken } from './tokenizer.mjs';

/**
 * @param indexJson JSON.parse(JSON.stringify(lunrIndex)) (refs "0", "1", …)
 * @param docsJson {notes:[[url,title]…], docs:[[note,sectionTitle,anchor,[ancestors],text]…]}
 * @param termsPerShard terms per dictionary shard (small values exercise the shard boundaries)
 * @param headDocs a large term's head holds its `headDocs` documents of the highest weight (the sum of
 *   its field weights), the rest go to tail chunks of `tailDocs` documents by document range (as
 *   WriteSearchShards.cs splits them); by default a head holds all
 * @returns {files: Map(path → object or bytes), fetchBytes(path) → Promise<Uint8Array>} (files uncompressed)
 */
export function shardsFromLunr(indexJson, docsJson, { termsPerShard = 50, chunk = 16, largePostings = 1500, headDocs = Infinity, tailDocs = 12 } = {}) {
  const fields = indexJson.fields;
  const vectors = new Map(indexJson.fieldVectors.map(([fr, els]) => {
    const m = new Map();
    for (let i = 0; i < els.length; i += 2) m.set(els[i], els[i + 1]);
    return [fr, m];
  }));
  const entries = indexJson.invertedIndex.map(([term, posting]) => {
    const post = fields.map((f) => {
      const refs = Object.keys(posting[f] || {}).map(Number).sort((a, b) => a - b);
      const pairs = [];
      let last = 0;
      for (const r of refs) {
        pairs.push(r - last, Math.round(vectors.get(`${f}/${r}`).get(posting._index) * 1000));
        last = r;
      }
      return pairs;
    });
    const df = new Set(fields.flatMap((f) => Object.keys(posting[f] || {}))).size;
    return { term, idx: posting._index, df, post, size: post.reduce((n, p) => n + p.length / 2, 0) };
  }).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));

  const files = new Map();
  const shards = [];
  for (let i = 0; i < entries.length || i === 0; i += termsPerShard) shards.push(entries.slice(i, i + termsPerShard));
  const firsts = shards.map((s, i) => (i === 0 ? '' : s[0].term));
  const shardOf = (t) => { let k = 0; while (k + 1 < firsts.length && firsts[k + 1] <= t) k++; return k; };
  const suffix = firsts.map(() => new Map());
  for (const e of entries) {
    const cps = [...e.term];
    if (cps.length !== 2 || !isCjkToken(cps[0]) || !isSingleCjk(cps[1])) continue;
    const m = suffix[shardOf(cps[1])];
    if (!m.has(cps[1])) m.set(cps[1], []);
    m.get(cps[1]).push(e);
  }
  files.set('meta.json', { v: 5, fields, docs: docsJson.docs.length, chunk, shards: firsts, heads: entries.filter((e) => e.size > largePostings).map((e) => [e.term, e.idx]) });
  shards.forEach((s, i) => {
    const t = s.map((e) => {
      if (e.size > largePostings) {
        const { head, tails, m, firsts } = split(e.post, headDocs, tailDocs);
        files.set(`p/${e.idx}.gz`, encodeBlob(head));
        tails.forEach((tail, c) => files.set(`p/${e.idx}-${c}.gz`, encodeBlob(tail)));
        return [e.term, e.idx, e.df, 0, m, firsts];
      }
      return [e.term, e.idx, e.df, e.post];
    });
    const sfx = [...suffix[i].entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))
      .map(([ch, l]) => [ch, l.sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1)).slice(0, 24).map((e) => [e.term, e.df])]);
    files.set(`t/${i}.json.gz`, { t, s: sfx });
  });
  for (let c = 0; c * chunk < docsJson.docs.length; c++) {
    const docs = docsJson.docs.slice(c * chunk, (c + 1) * chunk);
    const notes = [...new Set(docs.map((d) => d[0]))].map((n) => [n, ...docsJson.notes[n]]);
    files.set(`d/${c}.json.gz`, { notes, docs });
  }
  const fetchBytes = async (p) => {
    if (!files.has(p)) throw new Error('no such file: ' + p);
    const f = files.get(p);
    return f instanceof Uint8Array ? f : new TextEncoder().encode(JSON.stringify(f));
  };
  return { files, fetchBytes };
}

/** Postings [[doc delta, millis, …] per field] split into a head, tail chunks, the tails' largest weight and first documents. */
function split(post, headDocs, tailDocs) {
  const byDoc = new Map(); // doc → per field millis
  post.forEach((pairs, f) => {
    let d = 0;
    for (let i = 0; i < pairs.length; i += 2) {
      d += pairs[i];
      if (!byDoc.has(d)) byDoc.set(d, post.map(() => null));
      byDoc.get(d)[f] = pairs[i + 1];
    }
  });
  const weight = (d) => byDoc.get(d).reduce((s, v) => s + (v || 0), 0);
  const docs = [...byDoc.keys()].sort((a, b) => a - b);
  const head = new Set([...docs].sort((a, b) => weight(b) - weight(a) || a - b).slice(0, headDocs));
  const encode = (list) => post.map((_, f) => {
    const pairs = [];
    let last = 0;
    for (const d of list) if (byDoc.get(d)[f] !== null) { pairs.push(d - last, byDoc.get(d)[f]); last = d; }
    return pairs;
  });
  const rest = docs.filter((d) => !head.has(d));
  const tails = [], firsts = [];
  for (let i = 0; i < rest.length; i += tailDocs) { firsts.push(rest[i]); tails.push(encode(rest.slice(i, i + tailDocs))); }
  return { head: encode(docs.filter((d) => head.has(d))), tails, m: rest.reduce((x, d) => Math.max(x, weight(d)), 0), firsts };
}

/** The binary postings blob (src/Index/PostingsBlob.cs) of inline postings [[doc delta, millis, …] per field]. */
function encodeBlob(post) {
  const out = [];
  const varint = (v) => { while (v >= 0x80) { out.push((v & 0x7f) | 0x80); v = Math.floor(v / 128); } out.push(v); };
  for (const pairs of post) {
    varint(pairs.length >> 1);
    for (const x of pairs) varint(x);
  }
  return Uint8Array.from(out);
}
