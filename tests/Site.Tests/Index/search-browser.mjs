// Headless Chromium check of the search UI, driven by SearchBrowserTests.cs:
//   node search-browser.mjs <site-dir> <base> <chromium> <playwright-core/index.mjs>
// Serves <site-dir> under <base> on 127.0.0.1 and prints one JSON object:
//   {"checks":[{"name","ok","detail"}], "log":[…]}
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [siteDir, base, chromiumPath, playwrightEntry] = process.argv.slice(2);
const checks = [];
const log = [];
const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail: String(detail) });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.woff2': 'font/woff2', '.xml': 'application/xml' };
const requested = [];
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  requested.push(url.pathname);
  let p = decodeURIComponent(url.pathname);
  if (!p.startsWith(base)) { res.writeHead(404); res.end(); return; }
  p = p.slice(base.length);
  if (p === '' || p.endsWith('/')) p += 'index.html';
  const file = path.join(siteDir, p);
  if (!file.startsWith(path.resolve(siteDir)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const { chromium } = await import(pathToFileURL(playwrightEntry).href);
const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(30000);
  page.on('pageerror', (e) => log.push('pageerror: ' + e.message));
  page.on('console', (m) => { if (m.type() === 'error') log.push('console: ' + m.text()); });

  await page.goto(origin + base, { waitUntil: 'load' });
  await page.waitForTimeout(300);
  check('index is not loaded on page load', !requested.some((u) => u.startsWith(base + 'search/')), requested.join(' '));

  await page.keyboard.press('/');
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check('"/" focuses the search box', focused === 'search-input', focused);
  await page.waitForResponse((r) => r.url().endsWith('/search/meta.json'), { timeout: 15000 }).catch(() => null);
  check('index opens on first focus (meta.json only, never the whole index)', requested.some((u) => u.endsWith('/search/meta.json')) &&
    !requested.some((u) => u.endsWith('/search/index.json') || u.endsWith('/search/docs.json')), requested.join(' '));

  await page.keyboard.type('张量并行');
  await page.waitForSelector('#search-results:not([hidden]) a.search-result');
  const shown = await page.evaluate(() => {
    const box = document.getElementById('search-results');
    const first = box.querySelector('a.search-result');
    return {
      count: box.querySelectorAll('a.search-result').length,
      firstTitle: first.querySelector('.search-title').textContent,
      marks: [...box.querySelectorAll('mark')].map((m) => m.textContent),
      groups: [...box.querySelectorAll('.search-note')].map((n) => n.textContent),
      href: first.getAttribute('href'),
      selected: first.getAttribute('aria-selected'),
    };
  });
  log.push('results: ' + JSON.stringify(shown));
  check('Chinese query shows results', shown.count > 0, shown.count);
  check('best result is the 张量并行 section', shown.firstTitle === '张量并行', shown.firstTitle);
  check('matched words are highlighted with <mark>', shown.marks.some((m) => m.includes('张量并行')), shown.marks.join(','));
  check('results are grouped under their note', shown.groups.includes('分布式训练笔记'), shown.groups.join(','));
  check('result link carries base, hl and anchor', shown.href.startsWith(base + 'distributed/') && shown.href.includes('?hl=') && shown.href.includes('#'), shown.href);
  check('first result is selected', shown.selected === 'true');

  if (shown.count > 1) {
    await page.keyboard.press('ArrowDown');
    const sel = await page.evaluate(() => [...document.querySelectorAll('#search-results a.search-result')].findIndex((a) => a.getAttribute('aria-selected') === 'true'));
    check('ArrowDown moves the selection', sel === 1, sel);
    await page.keyboard.press('ArrowUp');
  }
  await page.keyboard.press('Escape');
  check('Escape closes the results', await page.evaluate(() => document.getElementById('search-results').hidden));

  // single character and partial word
  await page.fill('#search-input', '');
  await page.focus('#search-input');
  await page.keyboard.type('量');
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results mark')].some((m) => m.textContent.includes('量')));
  check('a single Han character finds results', await page.evaluate(() => document.querySelectorAll('#search-results a.search-result').length > 0));
  await page.fill('#search-input', '');
  await page.keyboard.type('LLaMA2-7');
  await page.waitForFunction(() => [...document.querySelectorAll('#search-results .search-title')].some((t) => t.textContent.includes('LLaMA2-7B')));
  check('a partial word finds results', true);

  // titles are text, never HTML
  await page.fill('#search-input', '');
  await page.keyboard.type('安全测试');
  await page.waitForFunction(() => document.getElementById('search-results').textContent.includes('安全测试'), null, { timeout: 15000 }).catch(() => null);
  const xss = await page.evaluate(() => ({
    flag: window.__xss,
    text: document.getElementById('search-results').textContent,
    injected: document.querySelectorAll('#search-results script, #search-results img').length,
  }));
  check('HTML in titles is shown as text', xss.flag === undefined && xss.injected === 0 && xss.text.includes('<script>'), JSON.stringify(xss));

  // Ctrl-K, type, Enter → section with highlighted terms
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('张量并行');
  await page.waitForFunction(() => document.querySelector('#search-results .search-title')?.textContent === '张量并行');
  await Promise.all([page.waitForNavigation(), page.click('#search-results a.search-result')]);
  await page.waitForSelector('mark.search-hl', { timeout: 10000 }).catch(() => null);
  const landed = await page.evaluate(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    const h = document.getElementById(id);
    const marks = [...document.querySelectorAll('mark.search-hl')];
    return {
      path: location.pathname, search: location.search, id, heading: h ? h.textContent : null,
      marks: marks.map((m) => m.textContent),
      marksAfterHeading: h ? marks.every((m) => h.compareDocumentPosition(m) & Node.DOCUMENT_POSITION_FOLLOWING || h.contains(m)) : false,
    };
  });
  log.push('landed: ' + JSON.stringify(landed));
  check('click opens the note page at the section anchor', landed.path === base + 'distributed/' && landed.heading !== null && landed.heading.includes('张量并行'), JSON.stringify(landed));
  check('the terms are highlighted in the section', landed.marks.length > 0 && landed.marks.some((m) => m.includes('张量并行')) && landed.marksAfterHeading, landed.marks.join(','));
  check('hl parameter is removed from the address', landed.search === '', landed.search);
} catch (e) {
  check('browser session completed', false, e.stack || e.message);
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify({ checks, log }) + '\n');
