// Output bytes by kind, and what one note page transfers (gzip, all its requests) in Chromium.
//   node bench/bytes.mjs SITE_DIR [--theme theme] [--port 8793] [--page /path/]
// Kinds: note pages (every index.html but home, 404, tags/, topics/ and old-URL redirects are counted with them),
// share pages (s/*.html), search (search/), sidebar (sidebar.html), assets (assets/), list pages (tags/, topics/),
// other (home, 404, sitemap, robots, topics.json, s/anchors.json …). The page loaded is --page, else the note page
// with the most formulas, first visit (empty cache) on a phone and a desktop viewport. Transfer = encoded bytes of
// every response until the network is idle (the sidebar fetch included where the page makes it).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawn } from 'node:child_process';
import { pathToFileURL, fileURLToPath } from 'node:url';

const argv = process.argv.slice(2);
const site = path.resolve(argv[0]);
const opt = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const here = path.dirname(fileURLToPath(import.meta.url));
const theme = path.resolve(opt('--theme', path.join(here, '..', 'theme')));
const port = Number(opt('--port', 8793));

const kinds = { 'note pages': [0, 0], 'share pages': [0, 0], search: [0, 0], sidebar: [0, 0], assets: [0, 0], 'list pages': [0, 0], other: [0, 0] };
let best = null, bestMath = -1;
function kindOf(rel) {
  if (rel.startsWith('s/') && rel.endsWith('.html')) return 'share pages';
  if (rel.startsWith('search/')) return 'search';
  if (rel === 'sidebar.html') return 'sidebar';
  if (rel.startsWith('assets/')) return 'assets';
  if (rel.startsWith('tags/') || rel.startsWith('topics/')) return 'list pages';
  if (rel.endsWith('/index.html')) return 'note pages';
  return 'other';
}
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) { walk(full); continue; }
    const rel = path.relative(site, full).split(path.sep).join('/');
    const k = kindOf(rel);
    const size = fs.statSync(full).size;
    kinds[k][0]++; kinds[k][1] += size;
    if (k === 'note pages') {
      const html = fs.readFileSync(full, 'utf8');
      const math = (html.match(/class="katex"/g) || []).length;
      if (math > bestMath) { bestMath = math; best = rel; }
    }
  }
})(site);
const total = Object.values(kinds).reduce((a, [, b]) => a + b, 0);
let dirBytes = 0; // what du -sb adds: the directories themselves
(function dirs(dir) { dirBytes += fs.statSync(dir).size; for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) dirs(path.join(dir, e.name)); })(site);
const mb = (b) => (b / 1e6).toFixed(2) + ' MB';
let out = '| kind | files | bytes | per file |\n|---|---|---|---|\n';
for (const [k, [n, b]] of Object.entries(kinds)) out += `| ${k} | ${n} | ${mb(b)} | ${n ? (b / n / 1024).toFixed(2) + ' KB' : '–'} |\n`;
out += `| **total** | ${Object.values(kinds).reduce((a, [n]) => a + n, 0)} | **${mb(total)}** | |\n`;
out += `\nWith the directories (\`du -sb\`, how bench/run.sh compares with Hugo): ${mb(total + dirBytes)}\n`;
const sidebarFile = path.join(site, 'sidebar.html');
if (fs.existsSync(sidebarFile)) out += `\nsidebar.html: ${(fs.statSync(sidebarFile).size / 1024).toFixed(1)} KB, ${(zlib.gzipSync(fs.readFileSync(sidebarFile), { level: 6 }).length / 1024).toFixed(1)} KB gzip\n`;

// One note page in Chromium, served gzipped (bench/lighthouse/serve.mjs).
const pagePath = opt('--page', '/' + best.replace(/index\.html$/, ''));
const server = spawn(process.execPath, [path.join(here, 'lighthouse', 'serve.mjs'), site, String(port)], { stdio: 'ignore' });
try {
  await new Promise((r) => setTimeout(r, 400));
  const { chromium } = await import(pathToFileURL(path.join(theme, 'node_modules', 'playwright-core', 'index.mjs')).href);
  const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH || '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    for (const [label, viewport] of [['phone 412×823', { width: 412, height: 823 }], ['desktop 1280×900', { width: 1280, height: 900 }]]) {
      // A fresh context per run: an empty cache, as on a first visit (assets are served cacheable, so a file the
      // page asks for twice — the favicon is the icon and the brand image — comes over the wire once).
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      const sizes = new Map(), urls = new Map();
      const errors = [];
      cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
      cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${port}${encodeURI(decodeURI(pagePath))}`, { waitUntil: 'networkidle' });
      // Fonts are requested at the first layout, which a busy machine can start after the network went quiet: wait for
      // them (and anything they start) before counting, or the page is measured without its fonts.
      await page.evaluate(async () => { void document.body.offsetHeight; await document.fonts.ready; }); // layout, then its fonts
      await page.waitForLoadState('networkidle');
      let transferred = 0;
      const rows = [];
      for (const [id, n] of sizes) { const u = urls.get(id) ?? ''; if (u.startsWith('data:')) continue; transferred += n; rows.push([u, n]); }
      rows.sort((a, b) => b[1] - a[1]);
      out += `\nNote page ${decodeURI(pagePath)} (${bestMath} formulas), ${label}: **${(transferred / 1024).toFixed(1)} KB transferred** in ${rows.length} requests, ${errors.length} console errors\n`;
      for (const [u, n] of rows) out += `- ${(n / 1024).toFixed(1)} KB ${decodeURI(new URL(u).pathname)}\n`;
      for (const e of errors) out += `- console error: ${e}\n`;
      await context.close();
    }
  } finally { await browser.close(); }
} finally { server.kill(); }
process.stdout.write(out);
