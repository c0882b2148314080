// node --test theme/search/inflate.test.mjs — inflate.mjs against node's zlib (run by tests/Site.Tests NodeTests).
import test from 'node:test';
import assert from 'node:assert/strict';
import zlib from 'node:zlib';
import { gunzip } from './inflate.mjs';

/** Deterministic pseudo-random bytes. */
function noise(n, seed) {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; out[i] = x & 0xff; }
  return out;
}

const text = Buffer.from(JSON.stringify({ docs: Array.from({ length: 200 }, (_, i) => [i, `张量并行 section ${i}`, `s${i}`, ['注意力机制'], 'lorem ipsum '.repeat(i % 17)]) }));
const cases = [
  ['empty', Buffer.alloc(0), {}],
  ['one byte', Buffer.from('x'), {}],
  ['JSON text, default level (dynamic codes)', text, {}],
  ['JSON text, level 9', text, { level: 9 }],
  ['JSON text, fixed codes', text, { strategy: zlib.constants.Z_FIXED }],
  ['JSON text, stored blocks (level 0)', text, { level: 0 }],
  ['random bytes (stored)', Buffer.from(noise(70000, 7)), {}],
  ['long runs (distance 1, length 258)', Buffer.alloc(100000, 97), {}],
  ['far matches (32 KB window)', Buffer.concat([Buffer.from(noise(30000, 3)), Buffer.from('separator'), Buffer.from(noise(30000, 3))]), {}],
  ['varint-like postings', Buffer.from(noise(50000, 11).map((v, i) => (i % 3 === 0 ? v & 0x7f : v % 5))), { level: 6 }],
];

for (const [name, input, opts] of cases) {
  test(`gunzip equals zlib: ${name}`, () => {
    const gz = zlib.gzipSync(input, opts);
    assert.deepEqual(Buffer.from(gunzip(new Uint8Array(gz))), input);
  });
}

test('a gzip header with a file name and extra field is skipped', () => {
  const gz = Buffer.from(zlib.gzipSync(text));
  // FLG = FEXTRA | FNAME: 2-byte XLEN + 3 extra bytes, then "a.json\0"
  const head = Buffer.from([...gz.subarray(0, 3), 4 | 8, ...gz.subarray(4, 10), 3, 0, 1, 2, 3, ...Buffer.from('a.json\0')]);
  assert.deepEqual(Buffer.from(gunzip(new Uint8Array(Buffer.concat([head, gz.subarray(10)])))), text);
});

test('truncated or foreign input throws instead of looping', () => {
  const gz = zlib.gzipSync(text);
  assert.throws(() => gunzip(new Uint8Array(gz.subarray(0, gz.length >> 1))));
  assert.throws(() => gunzip(new Uint8Array(Buffer.from('{"not":"gzip"}'))), /not gzip/);
  // a wrong size trailer only changes the first allocation, not the result
  const lying = Buffer.from(gz);
  lying.writeUInt32LE(3, lying.length - 4);
  assert.deepEqual(Buffer.from(gunzip(new Uint8Array(lying))), text);
});

/** One gzip member: `a` at level 6, `b` in stored blocks (level 0), `a` at level 6 again. */
async function mixedBlocks(a, b) {
  const gz = zlib.createGzip({ level: 6 });
  const parts = [];
  gz.on('data', (c) => parts.push(c));
  const done = new Promise((r) => gz.on('end', r));
  gz.write(a);
  await new Promise((r) => gz.flush(zlib.constants.Z_SYNC_FLUSH, r));
  await new Promise((r) => gz.params(0, zlib.constants.Z_DEFAULT_STRATEGY, r));
  gz.write(b);
  await new Promise((r) => gz.flush(zlib.constants.Z_SYNC_FLUSH, r));
  await new Promise((r) => gz.params(6, zlib.constants.Z_DEFAULT_STRATEGY, r));
  gz.end(a);
  await done;
  return Buffer.concat(parts);
}

test('stored blocks right after compressed ones (bytes the table decoder read ahead go back)', async () => {
  const b = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131) % 251));
  for (let n = text.length - 8; n <= text.length; n++) { // block ends at different bit positions
    const a = text.subarray(0, n);
    assert.deepEqual(Buffer.from(gunzip(new Uint8Array(await mixedBlocks(a, b)))), Buffer.concat([a, b, a]), `prefix ${n}`);
  }
});

test('codes longer than the look-up table (skewed symbol frequencies)', () => {
  // one symbol dominates, the rest are rare: the rare ones get codes of 11–15 bits
  const skewed = Buffer.from(noise(200000, 9).map((v, i) => (v < 250 ? 65 : (i * 7 + v) & 0xff)));
  assert.deepEqual(Buffer.from(gunzip(new Uint8Array(zlib.gzipSync(skewed)))), skewed);
});
