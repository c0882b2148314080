// Run: node --test theme/search/  (also run by the xunit suite: Site.Tests.Index.NodeTests)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tokenize, isSingleCjk } from './tokenizer.mjs';

const goldenPath = process.env.TOKENIZER_GOLDEN ||
  fileURLToPath(new URL('../../tests/Site.Tests/Fixtures/Index/tokenizer-golden.json', import.meta.url));

test('tokenizer matches the shared golden file', () => {
  const golden = JSON.parse(fs.readFileSync(goldenPath, 'utf8'));
  assert.ok(golden.cases.length >= 40, 'golden file has at least 40 cases');
  for (const c of golden.cases) {
    assert.deepEqual(tokenize(c.input), c.tokens, `input ${JSON.stringify(c.input)}`);
  }
});

test('null and undefined give no tokens', () => {
  assert.deepEqual(tokenize(null), []);
  assert.deepEqual(tokenize(undefined), []);
});

test('single CJK detection', () => {
  assert.equal(isSingleCjk('张'), true);
  assert.equal(isSingleCjk('张量'), false);
  assert.equal(isSingleCjk('a'), false);
  assert.equal(isSingleCjk('𠮷'), true);
});
