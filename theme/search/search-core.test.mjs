// Query logic tests (node --test theme/search/). Builds a small index with lunr + our tokenizer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, SearchEngine, parseQuery, highlightRanges, makeSnippet, groupByNote } from './search-core.mjs';
import { loadLunr } from './node-lunr.mjs';

const lunr = loadLunr();
const FIELDS = [{ name: 'title', boost: 10 }, { name: 'path', boost: 4 }, { name: 'body' }, { name: 'tags', boost: 3 }];
const docs = {
  v: 1,
  notes: [['notes/dist/', '分布式训练'], ['notes/lora/', 'LoRA 微调']],
  docs: [
    [0, '', '', [], '大模型分布式训练。'],
    [0, '张量并行', '张量并行', [], '张量并行把矩阵乘法切到多张卡上。'],
    [0, 'ZeRO-3', 'zero-3', [], 'ZeRO-3 把参数和优化器状态分片。'],
    [1, '', '', [], 'Low-rank adaptation freezes the pretrained weights.'],
    [1, 'LLaMA2-7B 实验', 'llama2-7b-实验', ['原理'], '在 LLaMA2-7B 上用 r=8 微调 transformer。'],
  ],
};
function engine() {
  const documents = docs.docs.map((d, i) => ({
    ref: String(i),
    fields: { title: d[1] || docs.notes[d[0]][1], path: d[1] ? [docs.notes[d[0]][1], ...d[3]].join(' / ') : '', body: d[4], tags: '' },
  }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  return new SearchEngine(lunr, idx, docs);
}

test('index JSON has the lunr 2.3.9 shape with empty pipeline', () => {
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents: [{ ref: '0', fields: { title: 'a' } }] })));
  assert.equal(idx.version, '2.3.9');
  assert.deepEqual(idx.fields, ['title', 'path', 'body', 'tags']);
  assert.deepEqual(idx.pipeline, []);
});

test('Chinese phrase finds its section first', () => {
  const r = engine().search('张量并行');
  assert.equal(r.mode, 'all');
  assert.equal(r.results[0].url, 'notes/dist/#张量并行');
});

test('a single Han character matches inside bigrams', () => {
  const r = engine().search('量');
  assert.ok(r.results.some((x) => x.anchor === '张量并行'), JSON.stringify(r.results));
  const r2 = engine().search('行'); // last character of a bigram
  assert.ok(r2.results.some((x) => x.anchor === '张量并行'));
});

test('partial last word matches by prefix', () => {
  const r = engine().search('transfo');
  assert.equal(r.results[0].anchor, 'llama2-7b-实验');
  const r2 = engine().search('LLaMA2-7');
  assert.equal(r2.results[0].anchor, 'llama2-7b-实验');
});

test('compound and full-width queries', () => {
  assert.equal(engine().search('ZeRO-3').results[0].anchor, 'zero-3');
  assert.equal(engine().search('ＺｅＲＯ－３').results[0].anchor, 'zero-3');
});

test('all terms required first, any term as fallback', () => {
  const all = engine().search('张量 参数');
  assert.equal(all.mode, 'any');
  assert.ok(all.results.length >= 2);
  const none = engine().search('🤖');
  assert.equal(none.mode, 'none');
  assert.equal(none.results.length, 0);
});

test('parseQuery marks the word being typed as a prefix', () => {
  assert.deepEqual(parseQuery('lora tra').map((t) => [t.term, t.prefix]), [['lora', false], ['tra', true]]);
  assert.deepEqual(parseQuery('lora tra ').map((t) => t.prefix), [false, false]);
  assert.equal(parseQuery('张').at(0).anywhere, true);
});

test('highlight ranges: CJK substrings, whole words from prefixes, full-width text', () => {
  const text = '张量并行 uses Transformers';
  const r = highlightRanges(text, ['张量', '量并', '并行', 'transf']);
  assert.deepEqual(r.map(([a, b]) => text.slice(a, b)), ['张量并行', 'Transformers']);
  const fw = 'ＺｅＲＯ－３ 分片';
  assert.deepEqual(highlightRanges(fw, ['zero']).map(([a, b]) => fw.slice(a, b)), ['ＺｅＲＯ']);
  assert.deepEqual(highlightRanges('pretrained', ['train']), []); // word starts only
});

test('snippet centres on the first match', () => {
  const long = 'x'.repeat(200) + ' 张量并行 ' + 'y'.repeat(200);
  const s = makeSnippet(long, ['张量'], 60);
  assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
  assert.equal(s.text.slice(s.ranges[0][0], s.ranges[0][1]), '张量');
});

test('results group by note in best-first order', () => {
  const r = engine().search('微调 OR 张量'.replace(' OR ', ' '));
  const groups = groupByNote(r.results);
  assert.equal(new Set(groups.map((g) => g.noteIndex)).size, groups.length);
});
