// The one search tokenizer. src/Index/Tokenizer.cs is a line-by-line port of this file; both are
// checked against tests/Site.Tests/Fixtures/Index/tokenizer-golden.json (node --test and xunit).
//
// Rules (apply in order):
//  1. lone UTF-16 surrogates become U+FFFD; the text is NFKC-normalized (full-width → half-width,
//     ligatures, circled digits, compatibility ideographs …).
//  2. each code point is lowercased on its own (first code point of its full lowercase mapping,
//     i.e. the Unicode simple mapping; no context-dependent final sigma).
//  3. classes: CJK (Han ideographs + kana, fixed ranges below), WORD (\p{L} \p{N} not CJK),
//     JOINER ('-' '_' '.'), MARK (\p{Mn} \p{Mc}: continues a word, else dropped),
//     IGNORED (\p{Cf} except U+200B, and variation selectors: removed as if absent), everything else SEPARATOR
//     (spaces, punctuation, symbols, emoji, \p{Me}).
//  4. a CJK run becomes overlapping bigrams ("张量并行" → 张量 量并 并行); a run of one stays a unigram.
//  5. a run of WORD/JOINER code points is trimmed of joiners at both ends and cut into parts at
//     joiners and at letter↔number boundaries (\p{L} next to \p{N}; marks stay with what they
//     follow); with more than one part it yields the whole run, then each part
//     ("zero-3" → zero-3 zero 3, "chatglm2" → chatglm2 chatglm 2), otherwise just the word.

const CJK_RANGES = [
  [0x3005, 0x3005], [0x3007, 0x3007], [0x3021, 0x3029], [0x3038, 0x303b], // 々 〇 〡–〩 〸–〻
  [0x3041, 0x3096], [0x3099, 0x309f], // hiragana
  [0x30a1, 0x30fa], [0x30fc, 0x30ff], [0x31f0, 0x31ff], // katakana (not ・)
  [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff],
  [0x1b000, 0x1b16f], // kana supplement / extended
  [0x20000, 0x2a6df], [0x2a700, 0x2ebef], [0x2ebf0, 0x2ee5f], [0x2f800, 0x2fa1f],
  [0x30000, 0x3134f], [0x31350, 0x323af],
];

export function isCjk(cp) {
  if (cp < 0x3005) return false;
  for (const [lo, hi] of CJK_RANGES) {
    if (cp < lo) return false;
    if (cp <= hi) return true;
  }
  return false;
}

const WORD_RE = /^[\p{L}\p{N}]$/u;
const MARK_RE = /^[\p{Mn}\p{Mc}]$/u;
const IGNORED_RE = /^\p{Cf}$/u;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const SEP = 0, CJK = 1, WORD = 2, JOINER = 3, MARK = 4, IGNORED = 5;

function isVariationSelector(cp) {
  return (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);
}

/** Class of an (already lowercased) code point `ch` (a string of one code point). */
export function classify(ch, cp) {
  if (cp === 0x2d || cp === 0x5f || cp === 0x2e) return JOINER;
  if (cp < 0x80) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a)) return WORD;
    return SEP;
  }
  if (isVariationSelector(cp)) return IGNORED;
  if (cp === 0x200b) return SEP; // zero-width space separates words
  if (isCjk(cp)) return CJK;
  if (WORD_RE.test(ch)) return WORD;
  if (MARK_RE.test(ch)) return MARK;
  if (IGNORED_RE.test(ch)) return IGNORED;
  return SEP;
}

function lowerCodePoint(ch) {
  const l = ch.toLowerCase();
  if (l === ch) return ch;
  return String.fromCodePoint(l.codePointAt(0));
}

function emitCjk(run, out) {
  if (run.length === 1) { out.push(run[0]); return; }
  for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
}

const NUMBER_RE = /^\p{N}$/u;
const LETTER_RE = /^\p{L}$/u;

/** 1 letter, 2 number, 0 anything else (marks: they continue the part they follow). */
function partKind(c) {
  if (NUMBER_RE.test(c)) return 2;
  if (LETTER_RE.test(c)) return 1;
  return 0;
}

function emitWord(run, out) {
  // run: array of code-point strings (WORD, MARK, JOINER)
  let s = 0, e = run.length;
  while (s < e && isJoinerStr(run[s])) s++;
  while (e > s && isJoinerStr(run[e - 1])) e--;
  if (s >= e) return;
  const parts = [];
  let cur = '';
  let whole = '';
  let prevKind = 0;
  for (let i = s; i < e; i++) {
    const c = run[i];
    whole += c;
    if (isJoinerStr(c)) {
      if (cur) parts.push(cur);
      cur = '';
      prevKind = 0;
      continue;
    }
    const kind = partKind(c);
    if (kind !== 0) {
      // a letter↔digit boundary starts a new part ("chatglm2" → chatglm 2)
      if (prevKind !== 0 && kind !== prevKind && cur) { parts.push(cur); cur = ''; }
      prevKind = kind;
    }
    cur += c;
  }
  if (cur) parts.push(cur);
  if (parts.length === 1 && parts[0] === whole) { out.push(whole); return; }
  out.push(whole);
  for (const p of parts) out.push(p);
}

function isJoinerStr(c) { return c === '-' || c === '_' || c === '.'; }

/**
 * Tokenizes `text` into search terms (strings), in document order, duplicates kept.
 * @param {string|null|undefined} text
 * @returns {string[]}
 */
export function tokenize(text) {
  const out = [];
  if (text === null || text === undefined) return out;
  let s = String(text);
  if (s.length === 0) return out;
  s = s.replace(LONE_SURROGATE_RE, '\uFFFD').normalize('NFKC');

  let mode = SEP; // SEP (no run), CJK, WORD
  let run = [];
  let lastWasJoiner = false;
  const flush = () => {
    if (mode === CJK) emitCjk(run, out);
    else if (mode === WORD) emitWord(run, out);
    run = [];
    mode = SEP;
    lastWasJoiner = false;
  };

  for (const raw of s) {
    const ch = lowerCodePoint(raw);
    const cp = ch.codePointAt(0);
    const cls = classify(ch, cp);
    switch (cls) {
      case IGNORED:
        break;
      case CJK:
        if (mode !== CJK) flush();
        mode = CJK;
        run.push(ch);
        break;
      case WORD:
        if (mode !== WORD) flush();
        mode = WORD;
        run.push(ch);
        lastWasJoiner = false;
        break;
      case JOINER:
        if (mode === WORD) { run.push(ch); lastWasJoiner = true; }
        else { flush(); mode = WORD; run.push(ch); lastWasJoiner = true; }
        break;
      case MARK:
        // continues a word (accents, Indic vowel signs); inside a CJK run or alone it is dropped
        if (mode === WORD && run.length > 0 && !lastWasJoiner) run.push(ch);
        break;
      default:
        flush();
        break;
    }
  }
  flush();
  return out;
}

/** True if the token is a single CJK code point (queries match it inside bigrams). */
export function isSingleCjk(token) {
  const cps = [...token];
  return cps.length === 1 && isCjk(cps[0].codePointAt(0));
}

/** True if the token is made of CJK code points. */
export function isCjkToken(token) {
  const cp = token.codePointAt(0);
  return cp !== undefined && isCjk(cp);
}
