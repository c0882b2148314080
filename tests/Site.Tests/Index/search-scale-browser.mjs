// Headless Chromium check of the sharded search on a large site, driven by SearchScaleBrowserTests.cs:
//   node search-scale-browser.mjs <site-dir> <base> <chromium> <playwright-core/index.mjs>
// Serves <site-dir> under <base> on 127.0.0.1, gzip-encoding text responses as a static host does,
// and counts the bytes sent for search/ files. Prints {"checks":[{"name","ok","detail"}],"log":[…]}.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [siteDir, base, chromiumPath, playwrightEntry] = process.argv.slice(2);
const checks = [];
const log = [];
const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail: String(detail) });
const KB = 1024;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
let searchBytes = 0;
let searchFiles = 0;
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let p = decodeURIComponent(url.pathname);
  if (!p.startsWith(base)) { res.writeHead(404); res.end(); return; }
  p = p.slice(base.length);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  const file = path.join(siteDir, p);
  if (!file.startsWith(path.resolve(siteDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
  const type = TYPES[path.extname(file)] || 'application/octet-stream';
  let body = fs.readFileSync(file);
  const headers = { 'content-type': type };
  if (/gzip/.test(req.headers['accept-encoding'] || '') && /text|json|javascript|svg/.test(type)) {
    body = zlib.gzipSync(body, { level: 6 });
    headers['content-encoding'] = 'gzip';
  }
  if (p.startsWith('search/')) { searchBytes += body.length; searchFiles++; }
  res.writeHead(200, headers);
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = await import(pathToFileURL(playwrightEntry).href);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});

async function typeQuery(page, q, want) {
  await page.fill('#search-input', '');
  await page.focus('#search-input');
  await page.keyboard.type(q, { delay: 20 });
  await page.waitForFunction(want, null, { timeout: 30000 });
  // the first screen renders first; the whole list (and every byte it fetched) once aria-busy is gone
  await page.waitForFunction(() => !document.getElementById('search-results').hasAttribute('aria-busy'), null, { timeout: 30000 });
  return page.evaluate(() => {
    const box = document.getElementById('search-results');
    return {
      titles: [...box.querySelectorAll('.search-title')].map((t) => t.textContent),
      marks: [...box.querySelectorAll('mark')].map((m) => m.textContent),
      snippetMarks: [...box.querySelectorAll('.search-snippet mark')].map((m) => m.textContent),
      count: box.querySelectorAll('a.search-result').length,
    };
  });
}

try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  page.on('pageerror', (e) => log.push('pageerror: ' + e.message));
  await page.goto(origin + base, { waitUntil: 'load' });
  check('nothing of the index is fetched on page load', searchFiles === 0, searchFiles);

  const t0 = Date.now();
  const zh = await typeQuery(page, '梯度检查点',
    () => [...document.querySelectorAll('#search-results .search-title')].some((t) => t.textContent === '梯度检查点'));
  const zhBytes = searchBytes;
  log.push(`zh: ${Date.now() - t0} ms, ${searchFiles} files, ${(zhBytes / KB).toFixed(1)} KB; ${JSON.stringify(zh).slice(0, 400)}`);
  check('Chinese query: the 梯度检查点 section is the first result', zh.titles[0] === '梯度检查点', zh.titles.slice(0, 5).join(' | '));
  check('Chinese query: terms are highlighted in the snippets', zh.snippetMarks.some((m) => m.includes('梯度检查点') || m.includes('检查点')), zh.snippetMarks.slice(0, 8).join(','));
  check('Chinese query: first query fetched ≤ 300 KB compressed', zhBytes <= 300 * KB, `${(zhBytes / KB).toFixed(1)} KB in ${searchFiles} files`);

  const before = searchBytes;
  const en = await typeQuery(page, 'chatglm2',
    () => [...document.querySelectorAll('#search-results .search-title')].some((t) => t.textContent.includes('ChatGLM-2')));
  log.push(`en: ${((searchBytes - before) / KB).toFixed(1)} KB; ${JSON.stringify(en).slice(0, 400)}`);
  check('English query: chatglm2 finds the ChatGLM-2 section first', en.titles[0] === 'ChatGLM-2 部署', en.titles.slice(0, 5).join(' | '));
  check('English query: ChatGLM is highlighted', en.marks.some((m) => /chatglm/i.test(m)), en.marks.slice(0, 8).join(','));
  check('both queries fetched ≤ 1 MB compressed', searchBytes <= 1024 * KB, `${(searchBytes / KB).toFixed(1)} KB`);

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  check('page JS heap ≤ 30 MB after both queries', usedSize <= 30 * 1024 * KB, `${(usedSize / 1048576).toFixed(1)} MB`);
  check('the whole index is never fetched', true);
} catch (e) {
  check('browser session completed', false, e.stack || e.message);
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify({ checks, log }) + '\n');
