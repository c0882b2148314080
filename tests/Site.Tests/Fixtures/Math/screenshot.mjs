// Screenshots a built page in headless Chromium and reports what KaTeX looks like in the browser.
// usage: node screenshot.mjs <themeDir> <siteDir> <page> <out.png>   → prints one JSON line
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';

const [themeDir, siteDir, pagePath, outPng] = process.argv.slice(2);
const require = createRequire(join(resolve(themeDir), 'package.json'));
const { chromium } = require('playwright-core');

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.woff2': 'font/woff2' };
const root = resolve(siteDir);
const server = createServer(async (req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
  try {
    const body = await readFile(path);
    res.writeHead(200, { 'content-type': types[extname(path)] ?? 'application/octet-stream' }).end(body);
  } catch { res.writeHead(404).end(); }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const failed = [];
try {
  const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  page.on('pageerror', (e) => failed.push(`pageerror ${e.message}`));
  await page.goto(base + pagePath, { waitUntil: 'networkidle' });
  const info = await page.evaluate(async () => {
    await document.fonts.ready;
    const katex = [...document.querySelectorAll('.katex')];
    const widths = katex.map((e) => e.getBoundingClientRect().width);
    const mathml = [...document.querySelectorAll('.katex-mathml')].map((e) => e.getBoundingClientRect().width);
    const loaded = [...document.fonts].filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''));
    const frac = document.querySelector('.katex .mfrac');
    return {
      katexCount: katex.length,
      displayCount: document.querySelectorAll('.katex-display').length,
      zeroWidth: widths.filter((w) => !(w > 0)).length,
      minWidth: Math.min(...widths),
      mathmlVisibleWidth: Math.max(0, ...mathml),
      fontCheck: document.fonts.check('16px KaTeX_Main'),
      loadedFamilies: [...new Set(loaded)].sort(),
      mainFamily: getComputedStyle(document.querySelector('.katex')).fontFamily,
      fracHeight: frac ? frac.getBoundingClientRect().height : 0,
      errorBoxes: document.querySelectorAll('.math-error').length,
      fallbacks: document.querySelectorAll('.math-fallback').length,
    };
  });
  await page.screenshot({ path: outPng, fullPage: true });
  console.log(JSON.stringify({ ...info, failed }));
} finally {
  await browser.close();
  server.close();
}
