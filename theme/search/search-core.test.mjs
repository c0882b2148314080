// Query logic tests (node --test theme/search/). Builds a small index with lunr + our tokenizer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIndex, SearchEngine, parseQuery, highlightRanges, makeSnippet, groupByNote, oneEdit, lunrQuery } from './search-core.mjs';
import { ShardedIndex } from './sharded-index.mjs';
import { shardsFromLunr } from './shards-from-lunr.mjs';
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
    [1, 'ChatGLM-2 对比', 'chatglm-2-对比', [], '和 LLaMA 3 比较，检查点保存在 langchain 里。'],
    [1, '梯度', '梯度', [], '梯度检查点节省显存：只保存部分激活。'],
  ],
};
function engine() {
  const documents = docs.docs.map((d, i) => ({
    ref: String(i),
    fields: { title: d[1] || docs.notes[d[0]][1], path: d[1] ? [docs.notes[d[0]][1], ...d[3]].join(' / ') : '', body: d[4], tags: '' },
  }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  return new SearchEngine(new ShardedIndex(shardsFromLunr(idx, docs, { termsPerShard: 7 }).fetchBytes));
}

test('index JSON has the lunr 2.3.9 shape with empty pipeline', () => {
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents: [{ ref: '0', fields: { title: 'a' } }] })));
  assert.equal(idx.version, '2.3.9');
  assert.deepEqual(idx.fields, ['title', 'path', 'body', 'tags']);
  assert.deepEqual(idx.pipeline, []);
});

const search = (q, n) => engine().search(q, n);

test('Chinese phrase finds its section first', async () => {
  const r = await search('张量并行');
  assert.equal(r.mode, 'all');
  assert.equal(r.results[0].url, 'notes/dist/#张量并行');
});

test('a single Han character matches inside bigrams', async () => {
  const r = await search('量');
  assert.ok(r.results.some((x) => x.anchor === '张量并行'), JSON.stringify(r.results));
  const r2 = await search('行'); // last character of a bigram
  assert.ok(r2.results.some((x) => x.anchor === '张量并行'));
});

test('partial last word matches by prefix', async () => {
  assert.equal((await search('transfo')).results[0].anchor, 'llama2-7b-实验');
  assert.equal((await search('LLaMA2-7')).results[0].anchor, 'llama2-7b-实验');
});

test('compound and full-width queries', async () => {
  assert.equal((await search('ZeRO-3')).results[0].anchor, 'zero-3');
  assert.equal((await search('ＺｅＲＯ－３')).results[0].anchor, 'zero-3');
});

test('letter↔digit boundaries: chatglm2 finds ChatGLM-2, llama3 finds LLaMA 3', async () => {
  assert.equal((await search('chatglm2 ')).results[0].anchor, 'chatglm-2-对比');
  assert.equal((await search('llama3 ')).results[0].anchor, 'chatglm-2-对比');
});

test('most of a Chinese query\'s bigrams is enough', async () => {
  const r = await search('梯度检查点');
  assert.equal(r.mode, 'all');
  assert.ok(r.results.some((x) => x.anchor === 'chatglm-2-对比'), JSON.stringify(r.results.map((x) => x.anchor)));
  assert.equal(r.results[0].anchor, '梯度');
});

test('a Latin word of 5+ letters tolerates one typo', async () => {
  const r = await search('langchian ');
  assert.equal(r.mode, 'all');
  assert.equal(r.results[0].anchor, 'chatglm-2-对比');
  assert.ok(r.terms.includes('langchain'));
  assert.equal((await search('lagnchain ')).results[0]?.anchor, 'chatglm-2-对比'); // transposition
  assert.equal((await search('lora ')).results.length > 0, true);
  assert.equal((await search('lorb ')).results.length, 0); // short words stay exact
});

test('a single Han character among other words only adds score', async () => {
  const r = await search('张量 和 并行 ');
  assert.equal(r.mode, 'all');
  assert.equal(r.results[0].anchor, '张量并行');
});

test('all terms required first, any term as fallback', async () => {
  const all = await search('张量 参数');
  assert.equal(all.mode, 'any');
  assert.ok(all.results.length >= 2);
  const none = await search('🤖');
  assert.equal(none.mode, 'none');
  assert.equal(none.results.length, 0);
});

test('parseQuery marks the word being typed as a prefix', () => {
  assert.deepEqual(parseQuery('lora tra').map((t) => [t.term, t.prefix]), [['lora', false], ['tra', true]]);
  assert.deepEqual(parseQuery('lora tra ').map((t) => t.prefix), [false, false]);
  assert.equal(parseQuery('张').at(0).kind, 'char');
  assert.deepEqual(parseQuery('chatglm2').map((t) => [t.term, t.kind, t.prefix]), [['chatglm2', 'whole', true], ['chatglm', 'word', false], ['2', 'word', true]]);
});

test('oneEdit: one insertion, deletion, substitution or transposition', () => {
  for (const [a, b, ok] of [['langchian', 'langchain', true], ['abcde', 'abde', true], ['abcde', 'abxde', true], ['abcde', 'abcdf', true],
    ['abcde', 'abcde', false], ['abcde', 'badce', false], ['abcde', 'ab', false]]) assert.equal(oneEdit(a, b), ok, `${a} ${b}`);
});

test('highlight ranges: CJK substrings, whole words from prefixes, full-width text', () => {
  const text = '张量并行 uses Transformers';
  const r = highlightRanges(text, ['张量', '量并', '并行', 'transf']);
  assert.deepEqual(r.map(([a, b]) => text.slice(a, b)), ['张量并行', 'Transformers']);
  const fw = 'ＺｅＲＯ－３ 分片';
  assert.deepEqual(highlightRanges(fw, ['zero']).map(([a, b]) => fw.slice(a, b)), ['ＺｅＲＯ']);
  assert.deepEqual(highlightRanges('pretrained', ['train']), []); // word starts only
  assert.deepEqual(highlightRanges('chatglm2', ['2']).length, 1); // letter↔digit boundaries are word starts too
});

test('snippet centres on the first match', () => {
  const long = 'x'.repeat(200) + ' 张量并行 ' + 'y'.repeat(200);
  const s = makeSnippet(long, ['张量'], 60);
  assert.ok(s.text.startsWith('…') && s.text.endsWith('…'));
  assert.equal(s.text.slice(s.ranges[0][0], s.ranges[0][1]), '张量');
});

test('snippet shows the passage with the most query terms', () => {
  const text = 'lora here. ' + 'filler '.repeat(60) + 'lora and qlora and adapters together. ' + 'tail '.repeat(40);
  const s = makeSnippet(text, ['lora', 'qlora', 'adapters'], 80);
  const marked = s.ranges.map(([a, b]) => s.text.slice(a, b));
  assert.ok(marked.includes('qlora') && marked.includes('adapters'), s.text);
});

test('results group by note in best-first order', async () => {
  const r = await search('微调 张量');
  const groups = groupByNote(r.results);
  assert.equal(new Set(groups.map((g) => g.noteIndex)).size, groups.length);
});

test('sharded engine scores like lunr on the whole index', async () => {
  const documents = docs.docs.map((d, i) => ({ ref: String(i), fields: { title: d[1], path: '', body: d[4], tags: '' } }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  const sharded = new ShardedIndex(shardsFromLunr(idx, docs, { termsPerShard: 3 }).fetchBytes);
  const full = lunr.Index.load(idx);
  for (const clauses of [[{ term: '张量' }, { term: '并行', boost: 2 }], [{ term: 'l', wildcard: true }, { term: 'lora', boost: 3 }], [{ term: '梯度' }, { term: 'x' }]]) {
    const a = await sharded.query(clauses);
    const b = lunrQuery(lunr, full, clauses);
    assert.deepEqual(a.map((h) => h.ref), b.map((h) => h.ref));
    a.forEach((h, i) => assert.ok(Math.abs(h.score - b[i].score) < 1e-9));
  }
});

test('the heads of a query\'s large words are requested with their dictionary shards, once', async () => {
  const documents = docs.docs.map((d, i) => ({ ref: String(i), fields: { title: d[1] || docs.notes[d[0]][1], body: d[4] } }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  const { fetchBytes } = shardsFromLunr(idx, docs, { termsPerShard: 7, largePostings: 1 }); // 张量 (title and body of one section) is large
  const log = [];
  let shardsDone = false;
  const index = new ShardedIndex(async (p) => {
    log.push({ p, beforeShards: !shardsDone });
    const b = await fetchBytes(p);
    if (p.startsWith('t/')) shardsDone = true;
    return b;
  });
  const out = await new SearchEngine(index).search('张量', 5);
  assert.equal(out.results[0].title, '张量并行');
  const heads = log.filter((x) => /^p\/\d+\.gz$/.test(x.p));
  assert.ok(heads.length >= 1, JSON.stringify(log));
  assert.ok(heads.every((x) => x.beforeShards), 'head requested before its shard arrived: ' + JSON.stringify(log));
  assert.equal(new Set(heads.map((x) => x.p)).size, heads.length, 'a head fetched twice: ' + JSON.stringify(log));
});

test('a query aborted by a newer keystroke stops before its next read', async () => {
  const ctl = new AbortController();
  ctl.abort();
  await assert.rejects(engine().search('张量并行', 5, ctl.signal));
  const ok = await engine().search('张量并行', 5, new AbortController().signal);
  assert.equal(ok.results[0].title, '张量并行');
});

/** An engine whose index logs every file it reads (large terms: postings files of their own). */
function loggedEngine() {
  const documents = docs.docs.map((d, i) => ({ ref: String(i), fields: { title: d[1] || docs.notes[d[0]][1], body: d[4] } }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  const { fetchBytes } = shardsFromLunr(idx, docs, { termsPerShard: 7, largePostings: 1 });
  const log = [];
  const engine = new SearchEngine(new ShardedIndex(async (p) => { log.push(p); return fetchBytes(p); }));
  return { engine, log };
}

test('a head read by one query is not fetched again by the next', async () => {
  const { engine, log } = loggedEngine();
  await engine.search('张量', 5);
  const heads = log.filter((p) => /^p\/\d+\.gz$/.test(p));
  assert.ok(heads.length >= 1, JSON.stringify(log));
  log.length = 0;
  await engine.search('张量 并行', 5);
  assert.deepEqual(log.filter((p) => heads.includes(p)), [], JSON.stringify(log));
});

test('prefetch ranks the query ahead; rank() then returns that ranking and reads nothing', async () => {
  const { engine, log } = loggedEngine();
  const ahead = await engine.prefetch('张量并行', 5);
  assert.ok(log.some((p) => p.startsWith('t/')), JSON.stringify(log));
  assert.ok(!log.some((p) => p.startsWith('d/')), 'display chunks wait for the debounce: ' + JSON.stringify(log));
  const n = log.length;
  const ranked = await engine.rank('张量并行', 5);
  assert.equal(ranked, ahead, 'rank() returns the prefetched ranking');
  assert.equal(log.length, n, 'read again: ' + JSON.stringify(log.slice(n)));
  assert.equal((await engine.display(ranked.hits.slice(0, 2)))[0].title, '张量并行');
});

test('prefetch of another query, or one aborted by a keystroke, leaves the query to run itself', async () => {
  const { engine } = loggedEngine();
  const ctl = new AbortController();
  const ahead = engine.prefetch('张量并行', 5, ctl.signal);
  ctl.abort();
  await assert.rejects(ahead);
  assert.equal((await engine.search('张量并行', 5)).results[0].title, '张量并行');
  await engine.prefetch('梯度', 5);
  assert.equal((await engine.search('张量并行', 5)).results[0].title, '张量并行');
  assert.equal((await engine.search('梯度', 5)).results[0].title, '梯度');
});

test('a prefetch reads tail chunks only once `later` resolves (the end of the debounce)', async () => {
  // tiny heads and tail chunks: a query of two frequent words needs tails
  const many = { notes: docs.notes, docs: Array.from({ length: 60 }, (_, i) => [i % 2, `s${i}`, `s${i}`, [], `${i % 3 ? '张量并行' : '梯度'} ${'数据 '.repeat(1 + (i * 7) % 5)}模型 ${i % 4 ? '训练' : ''}`]) };
  const documents = many.docs.map((d, i) => ({ ref: String(i), fields: { title: d[1], body: d[4] } }));
  const idx = JSON.parse(JSON.stringify(buildIndex(lunr, { fields: FIELDS, documents })));
  const { fetchBytes } = shardsFromLunr(idx, many, { termsPerShard: 5, largePostings: 10, headDocs: 3, tailDocs: 5 });
  const log = [];
  const engine = new SearchEngine(new ShardedIndex(async (p) => { log.push(p); return fetchBytes(p); }));
  const expected = await new SearchEngine(new ShardedIndex(fetchBytes)).rank('数据 训练', 5);
  let go;
  const ahead = engine.prefetch('数据 训练', 5, undefined, new Promise((r) => { go = r; }));
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(log.some((p) => /^p\/\d+\.gz$/.test(p)), 'heads read ahead: ' + JSON.stringify(log));
  assert.ok(!log.some((p) => /^p\/\d+-\d+\.gz$/.test(p)), 'a tail read before the debounce ended: ' + JSON.stringify(log));
  go();
  const ranked = await ahead;
  assert.ok(log.some((p) => /^p\/\d+-\d+\.gz$/.test(p)), 'this query needs tails: ' + JSON.stringify(log));
  assert.deepEqual(ranked.hits.map((h) => [h.ref, h.score]), expected.hits.map((h) => [h.ref, h.score]));

  // a word's expansions (数 → 数据, a large term) are not the word's own head: they wait too
  log.length = 0;
  const expected2 = await new SearchEngine(new ShardedIndex(fetchBytes)).rank('数', 5);
  const fresh = new SearchEngine(new ShardedIndex(async (p) => { log.push(p); return fetchBytes(p); }));
  const ahead2 = fresh.prefetch('数', 5, undefined, new Promise((r) => { go = r; }));
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(log.some((p) => p.startsWith('t/')) && !log.some((p) => p.startsWith('p/')), JSON.stringify(log));
  go();
  assert.deepEqual((await ahead2).hits.map((h) => [h.ref, h.score]), expected2.hits.map((h) => [h.ref, h.score]));
  assert.ok(expected2.hits.length > 0 && log.some((p) => p.startsWith('p/')), JSON.stringify(log));
});
