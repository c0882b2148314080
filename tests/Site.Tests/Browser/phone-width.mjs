// Visits every page of a built site at a phone's width and reports what is wider than the screen.
//   node phone-width.mjs --site DIR --theme THEME_DIR [--chromium /usr/bin/chromium] [--width 360]
// Serves DIR at / on 127.0.0.1 (random port). Prints ONE JSON line on stdout:
//   { pages, width, wide: [{ page, scrollWidth, culprit }], covered: [{ page, detail }], clipped: [{ page, detail }] }
// wide: the document scrolls sideways; covered: a code block's copy button or label overlaps its code;
// clipped: a display formula wider than its block that cannot scroll, or an inline formula/code/link cut off at the screen edge.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const siteDir = path.resolve(args.site);
const width = Number(args.width || 360);
const { chromium } = await import(pathToFileURL(path.join(path.resolve(args.theme), 'node_modules', 'playwright-core', 'index.mjs')).href);

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf' };
const server = http.createServer((req, res) => {
  let rel;
  try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end(); return; }
  let full = path.join(siteDir, rel);
  if (!full.startsWith(siteDir)) { res.writeHead(403); res.end(); return; }
  try { if (fs.statSync(full).isDirectory()) full = path.join(full, 'index.html'); } catch { /* 404 below */ }
  if (!fs.existsSync(full)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(full).toLowerCase()] || 'application/octet-stream' });
  fs.createReadStream(full).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const pages = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    // Redirect pages (share pages, moved notes: a meta refresh) are left at once; the page they lead to is visited itself.
    else if (e.name.endsWith('.html') && e.name !== 'sidebar.html' && !/http-equiv="refresh"/.test(fs.readFileSync(full, 'utf8')))
      pages.push('/' + path.relative(siteDir, full).split(path.sep).join('/'));
  }
})(siteDir);
pages.sort();

const browser = await chromium.launch({ executablePath: args.chromium || '/usr/bin/chromium', args: ['--no-sandbox'] });
const context = await browser.newContext({ viewport: { width, height: 740 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
const page = await context.newPage();
const result = { pages: pages.length, width, wide: [], covered: [], clipped: [] };
for (const p of pages) {
  await page.goto(origin + encodeURI(p), { waitUntil: 'load' });
  // Compared with the viewport asked for, not innerWidth: a mobile browser widens its layout viewport to fit wide content.
  const r = await page.evaluate((vw) => {
    const sw = document.documentElement.scrollWidth;
    let culprit = '';
    if (sw > vw) {
      // the deepest visible element sticking out on the right
      for (const el of document.querySelectorAll('body *')) {
        const b = el.getBoundingClientRect();
        if (b.width > 0 && b.right > vw + 0.5) culprit = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '') + ` right=${Math.round(b.right)}`;
      }
    }
    const covered = [];
    for (const block of document.querySelectorAll('.code-block')) {
      const code = block.querySelector('pre');
      if (!code) continue;
      const c = code.getBoundingClientRect();
      for (const over of block.querySelectorAll('.code-copy, .code-head')) {
        const o = over.getBoundingClientRect();
        if (o.width && o.height && o.left < c.right && o.right > c.left && o.top < c.bottom - 0.5 && o.bottom > c.top + 0.5)
          covered.push(over.className + ' overlaps the code');
      }
    }
    const clipped = [];
    for (const d of document.querySelectorAll('.katex-display')) {
      const ov = getComputedStyle(d).overflowX;
      if (d.scrollWidth > d.clientWidth + 1 && !(ov === 'auto' || ov === 'scroll')) clipped.push(`display math ${d.scrollWidth}px in ${d.clientWidth}px, overflow-x ${ov}`);
    }
    // content that sticks out past the screen without a scrolling box around it is cut off (or widens the page)
    const scrollers = '.katex-display, pre, .table-wrap, .math-scroll, .sidebar, .toc, .drawer';
    for (const el of document.querySelectorAll('.note-body .katex, .note-body code, .note-body img, .note-body a')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.right <= vw + 0.5) continue;
      const box = el.parentElement && el.parentElement.closest(scrollers);
      if (box && getComputedStyle(box).overflowX !== 'visible') continue;
      clipped.push(`${el.tagName.toLowerCase()}.${typeof el.className === 'string' ? el.className : ''} ends at ${Math.round(b.right)}px, past the ${vw}px screen`);
    }
    return { vw, sw, culprit, covered, clipped };
  }, width);
  if (r.sw > r.vw) result.wide.push({ page: p, scrollWidth: r.sw, culprit: r.culprit });
  for (const c of r.covered) result.covered.push({ page: p, detail: c });
  for (const c of r.clipped) result.clipped.push({ page: p, detail: c });
}
await browser.close();
server.close();
console.log(JSON.stringify(result));
