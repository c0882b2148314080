// Search logic shared by the browser (search-ui.mjs) and node (query.mjs, tests): the query plan,
// the engine over the sharded index (sharded-index.mjs), highlighting and snippets. The browser never
// loads lunr: the sharded engine reproduces lunr's scores (see sharded-index.mjs). lunr is only the
// reference here (buildIndex, lunrQuery), passed in by node callers (node-lunr.mjs).
//
// Files written by src/Index/BuildSearchIndex.cs: search/meta.json, search/t/*.json.gz, search/p/*.gz,
// search/d/*.json.gz, the sharded index (WriteSearchShards.cs). The lunr index itself (index.json) is
// the reference in tests, never published.

import { tokenize, isSingleCjk, isCjkToken } from './tokenizer.mjs';
import { topK } from './top-k.mjs';

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
 * Parses a query string into tokens: [{term, kind, prefix}] in query order, duplicates removed.
 *  - kind 'word': a Latin/other word or a part of a compound; 'whole': a compound ("zero-3",
 *    "chatglm2") whose parts follow it; 'cjk': a CJK bigram; 'char': a single CJK character.
 *  - prefix: the user is still typing the last word (no trailing space): its last token, and any
 *    compound ending with it ("llama2-7" while typing "LLaMA2-7"), match as prefixes.
 */
export function parseQuery(q) {
  const raw = String(q ?? '');
  const tokens = [...new Set(tokenize(raw))];
  const typing = raw.length > 0 && !/\s$/u.test(raw);
  const last = tokens.length ? tokens[tokens.length - 1] : null;
  return tokens.map((t) => {
    const kind = isSingleCjk(t) ? 'char' : isCjkToken(t) ? 'cjk' : tokenize(t).length > 1 ? 'whole' : 'word';
    const prefix = typing && last !== null && (t === last || (kind === 'whole' && t.endsWith(last)));
    return { term: t, kind, prefix };
  });
}

/** Expansions a single-character query may use (bigrams starting or ending with it, by frequency). */
export const CHAR_EXPANSIONS = 8;
/** …whose document frequencies add up to at most this (bounds what a one-character query downloads). */
export const CHAR_DF_BUDGET = 30000;
/** Shards a prefix may read before it is cut to its most frequent terms. */
export const PREFIX_SHARDS = 2;
export const PREFIX_TERMS = 64;
/** Boosts: the word being typed matched exactly; a one-typo neighbour of a word (below exact). */
export const EXACT_PREFIX_BOOST = 3;
export const TYPO_BOOST = 0.3;

/** True if a and b differ by one insertion, deletion, substitution or adjacent transposition. */
export function oneEdit(a, b) {
  if (a === b) return false;
  const la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const TYPO_WORD = /^\p{Script=Latin}{5,}$/u;

/**
 * The query as lunr clauses plus the groups that decide which results count ("all" mode):
 *  - every word (and every part of a compound) is required: one of its alternatives must match;
 *  - a compound's whole form only adds score (so "chatglm2" finds "ChatGLM-2" and "llama3" "LLaMA 3");
 *  - CJK bigrams: a result needs most of them (all of one or two, half of three or more), so
 *    梯度检查点 finds a section that only says 检查点;
 *  - a Latin word of 5+ letters that is not in the index tries its one-typo neighbours (boost
 *    TYPO_BOOST: below exact matches), found in the dictionary shard where the word would be;
 *  - a single CJK character: alone, it matches itself and its most frequent bigrams (listed in its
 *    shard, never a dictionary scan); among other words it only adds score.
 * Clauses are explicit terms or trailing wildcards over a bounded range of shards, so lunr runs the
 * very same query on the full index (the differential test does).
 */
export async function planQuery(index, raw) {
  const tokens = parseQuery(raw);
  // the dictionary shards of every token at once (one round trip, not one per token), and meanwhile
  // the heads of the tokens that are large terms (what topK reads first)
  if (tokens.length > 0) {
    await index.open();
    const shards = tokens.map((t) => index.shard(index.shardOf(t.term))); // requested first: they gate the plan
    index.prefetchHeads?.(tokens.map((t) => t.term));
    await Promise.all(shards);
  }
  const groups = [];
  for (const t of tokens) {
    const g = { kind: t.kind, required: t.kind === 'word' || (t.kind === 'char' && tokens.length === 1), alts: [] };
    if (t.kind === 'char' && tokens.length === 1) {
      // the character itself, then its bigrams (starting with it: the dictionary range after it;
      // ending with it: the list in its shard), most frequent first while their postings fit
      g.alts.push({ term: t.term });
      const starting = (await index.prefix(t.term, 1)).entries.filter((e) => e.term !== t.term);
      const candidates = [...starting, ...(await index.suffix(t.term))].sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1));
      const seen = new Set([t.term]);
      let budget = CHAR_DF_BUDGET;
      for (const e of candidates) {
        if (g.alts.length > CHAR_EXPANSIONS || seen.has(e.term) || e.df > budget) continue;
        seen.add(e.term);
        budget -= e.df;
        g.alts.push({ term: e.term });
      }
    } else if (t.prefix && [...t.term].length >= 2 && t.kind !== 'cjk') {
      g.alts.push({ term: t.term, boost: EXACT_PREFIX_BOOST });
      const { entries, complete } = await index.prefix(t.term, PREFIX_SHARDS);
      if (complete) g.alts.push({ term: t.term, wildcard: true });
      else {
        for (const e of entries.sort((a, b) => b.df - a.df).slice(0, PREFIX_TERMS)) g.alts.push({ term: e.term });
      }
      if (entries.length === 0) await addTypos(index, t.term, g);
    } else {
      g.alts.push({ term: t.term });
      if (t.kind === 'word' && !(await index.entry(t.term))) await addTypos(index, t.term, g);
    }
    groups.push(g);
  }
  const clauses = groups.flatMap((g) => g.alts);
  const terms = [...new Set([...tokens.map((t) => t.term), ...groups.flatMap((g) => g.alts.filter((a) => a.typo).map((a) => a.term))])];
  return { groups, clauses, terms };
}

async function addTypos(index, word, g) {
  if (!TYPO_WORD.test(word)) return;
  const near = (await index.neighbours(word)).filter((e) => e.term.length >= 4 && oneEdit(word, e.term));
  near.sort((a, b) => b.df - a.df);
  for (const e of near.slice(0, 5)) g.alts.push({ term: e.term, boost: TYPO_BOOST, typo: true });
}

/** True if the matched term `t` satisfies group `g` (one of its alternatives, or a prefix of it). */
function inGroup(g, t) {
  for (const a of g.alts) if (t === a.term || (a.wildcard && t.startsWith(a.term))) return true;
  return false;
}

/** A test hit → bool for group `g`: bit masks on the sharded engine's hits, term sets otherwise. */
function groupTest(g, hits) {
  if (hits.maskOf) {
    const m = hits.maskOf((t) => inGroup(g, t));
    return (h) => h.any(m);
  }
  return (h) => { for (const t of h.terms) if (inGroup(g, t)) return true; return false; };
}

/**
 * Applies a plan's groups to scored hits ([{ref, score, terms}], best first): the hits that satisfy
 * them (mode 'all'), else — for a query of several groups — every hit (mode 'any').
 */
export function applyPlan(plan, hits) {
  if (plan.groups.length === 0) return { mode: 'none', hits: [] };
  const required = plan.groups.filter((g) => g.required).map((g) => groupTest(g, hits));
  const cjk = plan.groups.filter((g) => g.kind === 'cjk').map((g) => groupTest(g, hits));
  const need = cjk.length <= 2 ? cjk.length : Math.ceil(cjk.length / 2);
  const all = hits.filter((h) => {
    for (const test of required) if (!test(h)) return false;
    if (need === 0) return true;
    let n = 0;
    for (const test of cjk) if (test(h) && ++n >= need) return true;
    return false;
  });
  if (all.length > 0 || plan.groups.length === 1) return { mode: 'all', hits: all };
  return { mode: 'any', hits };
}

/**
 * applyPlan's "all" test for top-k.mjs, three-valued: given the query's entries, a function of
 * (has(t), unknown(t)) → 0 (fails whatever the unread postings hold), 1 (passes), 2 (unknown yet).
 */
export function planFilter(plan) {
  return (entries) => {
    const ks = (g) => entries.map((e, t) => (inGroup(g, e.term) ? t : -1)).filter((t) => t >= 0);
    const required = plan.groups.filter((g) => g.required).map(ks);
    const cjk = plan.groups.filter((g) => g.kind === 'cjk').map(ks);
    const need = cjk.length <= 2 ? cjk.length : Math.ceil(cjk.length / 2);
    const value = (list, has, unknown) => {
      let u = false;
      for (const t of list) { if (has(t)) return 1; if (unknown(t)) u = true; }
      return u ? 2 : 0;
    };
    return (has, unknown) => {
      let open = false;
      for (const list of required) {
        const v = value(list, has, unknown);
        if (v === 0) return 0;
        if (v === 2) open = true;
      }
      if (need > 0) {
        let yes = 0, maybe = 0;
        for (const list of cjk) { const v = value(list, has, unknown); if (v === 1) yes++; else if (v === 2) maybe++; }
        if (yes + maybe < need) return 0;
        if (yes < need) open = true;
      }
      return open ? 2 : 1;
    };
  };
}

/**
 * The plan's best `k` hits with their exact scores, reading only the postings the bound requires
 * (top-k.mjs): what applyPlan(plan, index.query(plan.clauses)) gives, cut to k. {mode, hits, partial}.
 * An aborted `signal` (optional) stops it between reads.
 */
export async function searchTop(index, plan, k, signal, later) {
  if (plan.groups.length === 0) return { mode: 'none', hits: [], partial: 0 };
  // a required word with no term in the dictionary: nothing passes, go straight to partial matches
  const { entries } = await index.expand(plan.clauses);
  const hopeless = plan.groups.some((g) => g.required && !entries.some((e) => inGroup(g, e.term)));
  const all = hopeless ? { hits: [], partial: 0 } : await topK(index, plan.clauses, planFilter(plan), k, signal, later);
  if (all.hits.length > 0 || plan.groups.length === 1) return { mode: 'all', ...all };
  return { mode: 'any', ...(await topK(index, plan.clauses, null, k, signal, later)) };
}

/**
 * The reference: runs OPTIONAL clauses on a whole lunr index (lunr.Index.load(index.json)), in the
 * shape ShardedIndex.query returns. Used by the differential test, never by the site.
 */
export function lunrQuery(lunr, index, clauses) {
  const res = index.query((q) => {
    for (const c of clauses) {
      q.term(c.term, {
        usePipeline: false, boost: c.boost === undefined ? 1 : c.boost, presence: lunr.Query.presence.OPTIONAL,
        wildcard: c.wildcard ? lunr.Query.wildcard.TRAILING : lunr.Query.wildcard.NONE,
      });
    }
  });
  return res.map((r) => ({ ref: r.ref, score: r.score, terms: new Set(Object.keys(r.matchData.metadata)) }));
}

/** The site search: a ShardedIndex (search/meta.json, t/, p/, d/) and the query plan above. */
export class SearchEngine {
  /** @param index a ShardedIndex */
  constructor(index) {
    this.index = index;
  }

  /**
   * Top results: [{ref, noteIndex, noteUrl, noteTitle, sectionTitle, anchor, ancestors, text, url,
   * title, score}] best first, at most `limit`; the terms to highlight; whether all terms matched.
   * An aborted `signal` (optional: the user typed on) stops it before its next read (throws its reason).
   */
  async search(query, limit = 10, signal) {
    const ranked = await this.rank(query, limit, signal);
    signal?.throwIfAborted();
    return { mode: ranked.mode, terms: ranked.terms, results: await this.display(ranked.hits) };
  }

  /**
   * Starts rank(query, limit) ahead (the search box calls it while its debounce waits): a rank() of the
   * same query and limit then returns this one's result. An aborted `signal` (the user typed on) stops
   * it before its next read. Until `later` (optional promise: the end of the debounce) resolves it
   * reads only the dictionary shards and the heads of the query's words (planQuery requests them);
   * the other heads and the tail chunks wait for it, display chunks for rank(): a keystroke meanwhile
   * would waste them.
   */
  prefetch(query, limit, signal, later) {
    const promise = this._rank(query, limit, signal, later);
    this._ahead = { query, limit, signal, promise };
    promise.catch(() => {});
    return promise;
  }

  /** search() without the display data: {mode, terms, hits: [{ref, score, terms}]} best first. */
  async rank(query, limit = 10, signal) {
    const a = this._ahead;
    if (a && a.query === query && a.limit === limit && !a.signal?.aborted) {
      try { return await a.promise; } catch (e) { if (!a.signal?.aborted) throw e; } // aborted meanwhile: run it here
    }
    return this._rank(query, limit, signal);
  }

  async _rank(query, limit, signal, later) {
    await this.index.open();
    const plan = await planQuery(this.index, query);
    if (plan.groups.length === 0) return { mode: 'none', terms: [], hits: [] };
    signal?.throwIfAborted();
    const out = await searchTop(this.index, plan, limit, signal, later);
    return { mode: out.mode, terms: plan.terms, hits: out.hits };
  }

  /** The results of ranked hits (search()'s records, in the hits' order), fetching their display chunks. */
  async display(hits) {
    const docs = await this.index.documents(hits.map((h) => h.ref));
    const results = [];
    hits.forEach((h, i) => { if (docs[i]) results.push(Object.assign(docs[i], { score: h.score })); });
    return results;
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

const DIGIT = /\p{N}/u;

/** True if a term starting with `first` may start right after `prev` (a word start or a letter↔digit boundary). */
function startsPart(prev, first) {
  if (!prev || !WORDISH.test(prev)) return true;
  return DIGIT.test(prev) !== DIGIT.test(first);
}

/**
 * Where query terms occur in `text`: [{start, end, term}] (UTF-16 offsets, unsorted, may overlap).
 * Matching works on a per-code-point NFKC + lowercase copy of the text (so ＺｅＲＯ matches zero).
 * CJK terms match anywhere; other terms match at a word start (or a letter↔digit boundary, as the
 * tokenizer splits there) and extend to the end of the word (so a prefix query highlights the word).
 */
export function termMatches(text, terms) {
  const out = [];
  if (!text || !terms || terms.length === 0) return out;
  let norm = '';
  const startOf = []; // norm UTF-16 index → original start
  const endOf = [];   // norm UTF-16 index → original end
  let pos = 0;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    // ASCII and CJK unified ideographs are their own NFKC form: skip normalize() for them (most text)
    const n = c < 0x80 ? (c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : ch) : c >= 0x4e00 && c <= 0x9fff ? ch : ch.normalize('NFKC').toLowerCase();
    for (let k = 0; k < n.length; k++) { startOf.push(pos); endOf.push(pos + ch.length); }
    norm += n;
    pos += ch.length;
  }
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
        if (!startsPart(i > 0 ? norm[i - 1] : '', term[0])) continue;
        while (e < norm.length && WORDISH.test(norm[e]) && !isCjkToken(norm[e])) e++;
      }
      out.push({ start: startOf[i], end: endOf[e - 1], term });
    }
  }
  return out;
}

/** Ranges [start, end) where query terms occur in `text`, merged and sorted (see termMatches). */
export function highlightRanges(text, terms) {
  return mergedRanges(termMatches(text, terms));
}

/** termMatches' matches as merged, sorted [start, end) ranges. */
function mergedRanges(matches) {
  const ranges = matches.map((m) => [m.start, m.end]);
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
 * Where a snippet of `maxLen` units should start: the window holding the most distinct query terms
 * (then the most matches, then the earliest), opening a little before its first match.
 */
export function bestPassageStart(text, terms, maxLen = 140) {
  return passageStart(termMatches(text, terms), maxLen);
}

/** bestPassageStart over termMatches' matches (sorted here). */
function passageStart(matches, maxLen) {
  matches = matches.slice().sort((a, b) => a.start - b.start);
  if (matches.length === 0) return 0;
  let best = null;
  for (let i = 0; i < matches.length; i++) {
    const from = matches[i].start;
    const distinct = new Set();
    let count = 0;
    for (let j = i; j < matches.length && matches[j].end <= from + maxLen - 20; j++) { distinct.add(matches[j].term); count++; }
    if (!best || distinct.size > best.distinct || (distinct.size === best.distinct && count > best.count)) best = { from, distinct: distinct.size, count };
  }
  return best.from > 30 ? best.from - 20 : 0;
}

/**
 * A snippet of `text` (≤ maxLen code units plus ellipses) showing the passage with the most query
 * terms, with the highlight ranges inside the snippet: {text, ranges}.
 */
export function makeSnippet(text, terms, maxLen = 140) {
  text = String(text || '');
  const matches = termMatches(text, terms); // normalizing the text once for both
  let ranges = mergedRanges(matches);
  let start = passageStart(matches, maxLen);
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
