// Headless check that an old note URL + old anchor ends at the renamed heading (LinksBrowserTests.cs).
//   node links-browser.mjs --site DIR --theme THEME_DIR --chromium /usr/bin/chromium --from old/url/#old-anchor --expect new/url/#new-anchor
// Serves DIR at / on 127.0.0.1 (random port) and prints ONE JSON line: { js: {...}, nojs: {...} }.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const siteDir = path.resolve(args.site);
const { chromium } = await import(pathToFileURL(path.join(path.resolve(args.theme), 'node_modules', 'playwright-core', 'index.mjs')).href);

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json' };
const server = http.createServer((req, res) => {
  let rel;
  try { rel = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { rel = '/'; }
  let full = path.join(siteDir, rel);
  if (!full.startsWith(siteDir)) { res.writeHead(403); res.end(); return; }
  if (fs.existsSync(full) && fs.statSync(full).isDirectory()) full = path.join(full, 'index.html');
  if (!fs.existsSync(full)) { res.writeHead(404); res.end('not found'); return; }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(full)] || 'application/octet-stream' });
  fs.createReadStream(full).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}/`;
const enc = (u) => { const h = u.indexOf('#'); const p = h < 0 ? u : u.slice(0, h); const a = h < 0 ? '' : '#' + encodeURIComponent(u.slice(h + 1)); return origin + p.split('/').map(encodeURIComponent).join('/') + a; };

const browser = await chromium.launch({ executablePath: args.chromium || '/usr/bin/chromium', args: ['--no-sandbox'] });
const result = {};
try {
  for (const js of [true, false]) {
    const ctx = await browser.newContext({ javaScriptEnabled: js, viewport: { width: 1000, height: 700 } });
    const page = await ctx.newPage();
    await page.goto(enc(args.from), { waitUntil: 'load' });
    const want = enc(args.expect);
    const wantPage = want.slice(0, want.indexOf('#') < 0 ? want.length : want.indexOf('#'));
    const deadline = Date.now() + 10000;
    while (Date.now() < deadline && !(js ? page.url() === want : page.url().startsWith(wantPage))) await page.waitForTimeout(100);
    const id = decodeURIComponent(args.expect.slice(args.expect.indexOf('#') + 1));
    const where = () => page.evaluate((id) => {
      const el = document.getElementById(id);
      return el ? { top: Math.round(el.getBoundingClientRect().top), text: el.textContent.trim() } : null;
    }, id);
    // The scroll to the heading follows the redirect and late layout (fonts); on a loaded machine it came after a fixed
    // 300 ms wait. Poll until the heading stays put for 200 ms (at most 5 s), then report where it is.
    let at = await where();
    for (const until = Date.now() + 5000; Date.now() < until;) {
      await page.waitForTimeout(100);
      const again = await where();
      const still = at && again && at.top === again.top;
      at = again;
      if (still && at.top >= -5 && at.top <= 660) { await page.waitForTimeout(100); at = await where(); break; }
    }
    result[js ? 'js' : 'nojs'] = { url: page.url(), want: js ? want : wantPage, heading: at };
    await ctx.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.stdout.write(JSON.stringify(result) + '\n');
