// Synchronous gzip inflate (RFC 1951/1952) for the search index's small stored files, after zlib's
// puff.c: canonical Huffman codes decoded bit by bit from per-length counts. The browser's own
// DecompressionStream costs 1.5–4 ms per file in stream set-up and task hops (measured in Chromium on
// this 2-core machine, 20 display chunks of ~5 KB), far more than decoding them: a query reads 10–30
// such files. The CRC is not checked (the files are the generator's own; a truncated or corrupt one
// throws). inflate.test.mjs compares it with zlib (stored, fixed and dynamic blocks, far matches).

const LBASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];
const LEXT = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DBASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577];
const DEXT = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
const ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const FAST = 10; // a code of at most FAST bits is decoded with one table look-up
const FAST_MASK = (1 << FAST) - 1;

/**
 * A Huffman code from code lengths: {count[len], symbol[] in canonical order} (puff.c's form, for codes
 * longer than FAST bits) and `fast`: for every FAST-bit window (stream order), symbol << 4 | length of
 * the code it starts with, or 0.
 */
function huffman(lengths, n) {
  const count = new Int16Array(16);
  const symbol = new Int16Array(n);
  for (let s = 0; s < n; s++) count[lengths[s]]++;
  const offs = new Int16Array(16);
  for (let len = 1; len < 15; len++) offs[len + 1] = offs[len] + count[len];
  for (let s = 0; s < n; s++) if (lengths[s] !== 0) symbol[offs[lengths[s]]++] = s;
  const fast = new Int32Array(1 << FAST);
  const next = new Int32Array(16);
  for (let len = 1, code = 0; len < 16; len++) { code = (code + (len > 1 ? count[len - 1] : 0)) << 1; next[len] = code; }
  for (let s = 0; s < n; s++) {
    const len = lengths[s];
    if (len === 0 || len > FAST) continue;
    const code = next[len]++;
    let rev = 0; // the stream sends a code's bits most significant first: reversed, it indexes the window
    for (let i = 0; i < len; i++) rev |= ((code >> i) & 1) << (len - 1 - i);
    for (let i = rev; i < 1 << FAST; i += 1 << len) fast[i] = (s << 4) | len;
  }
  return { count, symbol, fast };
}

let fixedLit = null, fixedDist = null;
function fixedCodes() {
  if (!fixedLit) {
    const l = new Uint8Array(288);
    l.fill(8, 0, 144); l.fill(9, 144, 256); l.fill(7, 256, 280); l.fill(8, 280, 288);
    fixedLit = huffman(l, 288);
    fixedDist = huffman(new Uint8Array(30).fill(5), 30);
  }
}

/** The inflated bytes of a gzip member (`b` starts with 1f 8b). */
export function gunzip(b) {
  if (b.length < 18 || b[0] !== 0x1f || b[1] !== 0x8b || b[2] !== 8) throw new Error('not gzip');
  const flg = b[3];
  let pos = 10;
  if (flg & 4) pos += 2 + (b[pos] | (b[pos + 1] << 8));
  if (flg & 8) { while (pos < b.length && b[pos] !== 0) pos++; pos++; }
  if (flg & 16) { while (pos < b.length && b[pos] !== 0) pos++; pos++; }
  if (flg & 2) pos += 2;
  const size = (b[b.length - 4] | (b[b.length - 3] << 8) | (b[b.length - 2] << 16) | (b[b.length - 1] << 24)) >>> 0;
  let out = new Uint8Array(Math.min(size, 1 << 28) || 1024);
  let at = 0;
  let bitbuf = 0, bitcnt = 0;
  const end = b.length - 8;

  const bits = (n) => {
    while (bitcnt < n) {
      if (pos >= end) throw new Error('gzip: truncated');
      bitbuf |= b[pos++] << bitcnt;
      bitcnt += 8;
    }
    const v = bitbuf & ((1 << n) - 1);
    bitbuf >>>= n;
    bitcnt -= n;
    return v;
  };
  const decode = (h) => {
    while (bitcnt < FAST && pos < end) { bitbuf |= b[pos++] << bitcnt; bitcnt += 8; }
    const hit = h.fast[bitbuf & FAST_MASK];
    if (hit !== 0 && (hit & 15) <= bitcnt) { bitbuf >>>= hit & 15; bitcnt -= hit & 15; return hit >> 4; }
    let code = 0, first = 0, index = 0;
    const count = h.count;
    for (let len = 1; len < 16; len++) {
      if (bitcnt === 0) {
        if (pos >= end) throw new Error('gzip: truncated');
        bitbuf = b[pos++];
        bitcnt = 8;
      }
      code |= bitbuf & 1;
      bitbuf >>>= 1;
      bitcnt--;
      const c = count[len];
      if (code - c < first) return h.symbol[index + (code - first)];
      index += c;
      first = (first + c) << 1;
      code <<= 1;
    }
    throw new Error('gzip: bad code');
  };
  const room = (n) => {
    if (at + n <= out.length) return;
    let cap = out.length * 2;
    while (cap < at + n) cap *= 2;
    const grown = new Uint8Array(cap);
    grown.set(out.subarray(0, at));
    out = grown;
  };

  for (let last = 0; !last;) {
    last = bits(1);
    const type = bits(2);
    if (type === 0) {
      pos -= bitcnt >> 3; // whole bytes decode() read ahead go back; the rest of this byte is skipped
      bitbuf = 0; bitcnt = 0;
      if (pos + 4 > end) throw new Error('gzip: truncated');
      const len = b[pos] | (b[pos + 1] << 8);
      pos += 4;
      if (pos + len > end) throw new Error('gzip: truncated');
      room(len);
      out.set(b.subarray(pos, pos + len), at);
      at += len;
      pos += len;
      continue;
    }
    let lit, dist;
    if (type === 1) { fixedCodes(); lit = fixedLit; dist = fixedDist; }
    else if (type === 2) {
      const nlen = bits(5) + 257, ndist = bits(5) + 1, ncode = bits(4) + 4;
      const lengths = new Uint8Array(320);
      for (let i = 0; i < ncode; i++) lengths[ORDER[i]] = bits(3);
      const lencode = huffman(lengths, 19);
      lengths.fill(0);
      for (let i = 0; i < nlen + ndist;) {
        const sym = decode(lencode);
        if (sym < 16) { lengths[i++] = sym; continue; }
        let len = 0, rep;
        if (sym === 16) { if (i === 0) throw new Error('gzip: bad lengths'); len = lengths[i - 1]; rep = 3 + bits(2); }
        else if (sym === 17) rep = 3 + bits(3);
        else rep = 11 + bits(7);
        if (i + rep > nlen + ndist) throw new Error('gzip: bad lengths');
        while (rep--) lengths[i++] = len;
      }
      lit = huffman(lengths.subarray(0, nlen), nlen);
      dist = huffman(lengths.subarray(nlen, nlen + ndist), ndist);
    } else throw new Error('gzip: bad block type');
    // the symbol loop, with the table look-ups and the common cases inline (a query's first files are
    // inflated before the JIT has compiled this: every call and bytecode counts)
    const litFast = lit.fast, distFast = dist.fast;
    for (;;) {
      if (bitcnt < 16 && pos + 1 < end) { bitbuf |= (b[pos] | (b[pos + 1] << 8)) << bitcnt; pos += 2; bitcnt += 16; }
      let hit = litFast[bitbuf & FAST_MASK], n = hit & 15, sym;
      if (hit !== 0 && n <= bitcnt) { bitbuf >>>= n; bitcnt -= n; sym = hit >> 4; } else sym = decode(lit);
      if (sym < 256) { if (at === out.length) room(1); out[at++] = sym; continue; }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw new Error('gzip: bad length');
      let len = LBASE[sym];
      if (LEXT[sym] !== 0) len += bits(LEXT[sym]);
      if (bitcnt < 16 && pos + 1 < end) { bitbuf |= (b[pos] | (b[pos + 1] << 8)) << bitcnt; pos += 2; bitcnt += 16; }
      hit = distFast[bitbuf & FAST_MASK]; n = hit & 15;
      let ds;
      if (hit !== 0 && n <= bitcnt) { bitbuf >>>= n; bitcnt -= n; ds = hit >> 4; } else ds = decode(dist);
      if (ds >= 30) throw new Error('gzip: bad distance');
      let d = DBASE[ds];
      if (DEXT[ds] !== 0) d += bits(DEXT[ds]);
      if (d > at) throw new Error('gzip: distance too far');
      if (at + len > out.length) room(len);
      if (len > 8 && d >= len) { out.copyWithin(at, at - d, at - d + len); at += len; } // no overlap: one native copy
      else for (let k = 0; k < len; k++, at++) out[at] = out[at - d];
    }
  }
  return at === out.length ? out : out.subarray(0, at);
}
