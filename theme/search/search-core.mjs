// Search logic shared by the browser (search-ui.mjs) and node (query.mjs, build-index.mjs, tests).
// It never imports lunr itself: the caller passes the lunr object (window.lunr in the browser, the
// same lunr.min.js loaded by node-lunr.mjs in node), so both run exactly the same code.
//
// Files written by src/Index/BuildSearchIndex.cs:
//   search/index.json  lunr 2.3.9 serialized index; fields title, path, body, tags; ref = doc number
//   search/docs.json   {"v":1,"notes":[[url,title],…],"docs":[[note,sectionTitle,anchor,[ancestors…],excerpt],…]}
//                      url is site-relative ("notes/lora/"), anchor "" for a note's intro text.

import { tokenize, isSingleCjk, isCjkToken } from './tokenizer.mjs';

export { tokenize };

/** A lunr tokenizer function (builder.tokenizer) that yields our tokens as lunr.Tokens. */
export function makeLunrTokenizer(lunr) {
  return function (obj, metadata) {
    if (obj === null || obj === undefined) return [];
    const text = Array.isArray(obj) ? obj.map(String).join(' ') : String(obj);
    return tokenize(text).map((t, i) => new lunr.Token(t, Object.assign({}, metadata, { index: i })));
  };
}

/**
 * Builds a lunr index the way the C# LunrIndexBuilder does (differential tests compare the JSON).
 * spec: {fields:[{name, boost?}], b?, k1?, documents:[{ref, fields:{name:text}, boost?}]}
 */
export function buildIndex(lunr, spec) {
  const builder = new lunr.Builder();
  builder.pipeline.reset();
  builder.searchPipeline.reset();
  builder.tokenizer = makeLunrTokenizer(lunr);
  builder.ref('ref');
  if (spec.b !== undefined) builder.b(spec.b);
  if (spec.k1 !== undefined) builder.k1(spec.k1);
  for (const f of spec.fields) {
    const name = f.name;
    const attrs = { extractor: (doc) => doc.fields[name] };
    if (f.boost !== undefined && f.boost !== null) attrs.boost = f.boost;
    builder.field(name, attrs);
  }
  for (const d of spec.documents) {
    const attrs = d.boost !== undefined && d.boost !== null ? { boost: d.boost } : undefined;
    builder.add({ ref: d.ref, fields: d.fields || {} }, attrs);
  }
  return builder.build();
}

/**
 * Parses a query string into terms: [{term, prefix, anywhere}].
 *  - every token of the query, duplicates removed;
 *  - prefix: the user is still typing the last word (no trailing space): its last token, and any
 *    compound token ending with it ("llama2-7" while typing "LLaMA2-7"), match as prefixes;
 *  - anywhere: a single CJK character matches any indexed bigram containing it (*字*).
 */
export function parseQuery(q) {
  const raw = String(q ?? '');
  const tokens = [...new Set(tokenize(raw))];
  const typing = raw.length > 0 && !/\s$/u.test(raw);
  const last = tokens.length ? tokens[tokens.length - 1] : null;
  return tokens.map((t) => ({
    term: t,
    anywhere: isSingleCjk(t),
    prefix: typing && last !== null && (t === last || (t.endsWith(last) && /[-_.]/.test(t))),
  }));
}

function addClauses(lunr, q, terms, required) {
  const REQUIRED = lunr.Query.presence.REQUIRED;
  const OPTIONAL = lunr.Query.presence.OPTIONAL;
  for (const t of terms) {
    const presence = required ? REQUIRED : OPTIONAL;
    if (t.anywhere) {
      q.term(t.term, { presence, usePipeline: false, wildcard: lunr.Query.wildcard.LEADING | lunr.Query.wildcard.TRAILING });
      q.term(t.term, { presence: OPTIONAL, usePipeline: false, boost: 2 });
    } else if (t.prefix) {
      q.term(t.term, { presence, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
      q.term(t.term, { presence: OPTIONAL, usePipeline: false, boost: 3 });
    } else {
      q.term(t.term, { presence, usePipeline: false });
    }
  }
}

/**
 * Runs a query: all terms required first, any term when that finds nothing.
 * @returns {{mode:'all'|'any'|'none', terms:string[], hits:{ref:string, score:number}[]}}
 */
export function runQuery(lunr, index, query) {
  const terms = parseQuery(query);
  if (terms.length === 0) return { mode: 'none', terms: [], hits: [] };
  let hits = index.query((q) => addClauses(lunr, q, terms, true));
  let mode = 'all';
  if (hits.length === 0 && terms.length > 1) {
    hits = index.query((q) => addClauses(lunr, q, terms, false));
    mode = 'any';
  }
  return { mode, terms: terms.map((t) => t.term), hits: hits.map((h) => ({ ref: h.ref, score: h.score })) };
}

/** A loaded search: lunr index + display data. */
export class SearchEngine {
  /** @param lunr the lunr object; @param indexJson parsed index.json; @param docsJson parsed docs.json */
  constructor(lunr, indexJson, docsJson) {
    this.lunr = lunr;
    this.index = lunr.Index.load(indexJson);
    this.notes = docsJson.notes;
    this.docs = docsJson.docs;
  }

  /** Display record of a doc ref. */
  doc(ref) {
    const d = this.docs[Number(ref)];
    if (!d) return null;
    const [noteIdx, sectionTitle, anchor, ancestors, excerpt] = d;
    const [noteUrl, noteTitle] = this.notes[noteIdx] || ['', ''];
    return {
      ref: String(ref), noteIndex: noteIdx, noteUrl, noteTitle, sectionTitle, anchor,
      ancestors: ancestors || [], excerpt: excerpt || '',
      /** site-relative url with #anchor (not percent-encoded) */
      url: noteUrl + (anchor ? '#' + anchor : ''),
      title: sectionTitle || noteTitle,
    };
  }

  /**
   * Top results: [{...doc, score}] best first, at most `limit`.
   * Also returns the query terms (for highlighting) and whether all terms matched.
   */
  search(query, limit = 10) {
    const r = runQuery(this.lunr, this.index, query);
    const results = [];
    for (const h of r.hits) {
      if (results.length >= limit) break;
      const d = this.doc(h.ref);
      if (d) results.push(Object.assign(d, { score: h.score }));
    }
    return { mode: r.mode, terms: r.terms, results };
  }
}

/** Groups results by note, notes in order of their best hit, results in score order within a note. */
export function groupByNote(results) {
  const groups = new Map();
  for (const r of results) {
    let g = groups.get(r.noteIndex);
    if (!g) { g = { noteIndex: r.noteIndex, noteUrl: r.noteUrl, noteTitle: r.noteTitle, results: [] }; groups.set(r.noteIndex, g); }
    g.results.push(r);
  }
  return [...groups.values()];
}

// ---- highlighting ------------------------------------------------------------------------------

const WORDISH = /[\p{L}\p{N}\p{M}]/u;

/**
 * Ranges [start, end) (UTF-16 offsets into `text`) where query terms occur, merged and sorted.
 * Matching works on a per-code-point NFKC + lowercase copy of the text (so ＺｅＲＯ matches zero).
 * CJK terms match anywhere; other terms match at a word start and extend to the end of the word
 * (so a prefix query highlights the whole word).
 */
export function highlightRanges(text, terms) {
  if (!text || !terms || terms.length === 0) return [];
  let norm = '';
  const startOf = []; // norm UTF-16 index → original start
  const endOf = [];   // norm UTF-16 index → original end
  let pos = 0;
  for (const ch of text) {
    const n = ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) { startOf.push(pos); endOf.push(pos + ch.length); }
    norm += n;
    pos += ch.length;
  }
  const ranges = [];
  for (const term of terms) {
    if (!term) continue;
    const cjk = isCjkToken(term);
    let from = 0;
    for (;;) {
      const i = norm.indexOf(term, from);
      if (i < 0) break;
      from = i + 1;
      let e = i + term.length;
      if (!cjk) {
        const prev = i > 0 ? norm[i - 1] : '';
        if (prev && WORDISH.test(prev)) continue;
        while (e < norm.length && WORDISH.test(norm[e]) && !isCjkToken(norm[e])) e++;
      }
      ranges.push([startOf[i], endOf[e - 1]]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const r of ranges) {
    const lastR = merged[merged.length - 1];
    if (lastR && r[0] <= lastR[1]) lastR[1] = Math.max(lastR[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * A snippet of `text` (≤ maxLen code units plus ellipses) around the first match, with the
 * highlight ranges inside the snippet: {text, ranges}.
 */
export function makeSnippet(text, terms, maxLen = 140) {
  text = String(text || '');
  let ranges = highlightRanges(text, terms);
  let start = 0;
  if (ranges.length && ranges[0][0] > 30) start = ranges[0][0] - 20;
  if (start > 0 && text.length - start < maxLen) start = Math.max(0, text.length - maxLen);
  // don't cut a surrogate pair
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start])) start--;
  let end = Math.min(text.length, start + maxLen);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end])) end++;
  let s = text.slice(start, end);
  let offset = 0;
  if (start > 0) { s = '…' + s; offset = 1; }
  if (end < text.length) s += '…';
  ranges = ranges
    .map(([a, b]) => [Math.max(a, start) - start + offset, Math.min(b, end) - start + offset])
    .filter(([a, b]) => b > a);
  return { text: s, ranges };
}
