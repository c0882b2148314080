// The headless-Chromium set-up the math browser scripts share: a static server for one folder and a browser.
//   const { base, browser, close } = await openSite(themeDir, siteDir);
import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize, extname, resolve } from 'node:path';

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.woff2': 'font/woff2' };

/** Serves siteDir on 127.0.0.1 (random port; nothing outside it) and launches Chromium (CHROMIUM_PATH or /usr/bin/chromium). */
export async function openSite(themeDir, siteDir) {
  const require = createRequire(join(resolve(themeDir), 'package.json'));
  const { chromium } = require('playwright-core');
  const root = resolve(siteDir);
  const server = createServer(async (req, res) => {
    const path = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
    if (!path.startsWith(root)) { res.writeHead(403).end(); return; }
    let body;
    try { body = await readFile(path); } catch { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  return {
    base: `http://127.0.0.1:${server.address().port}/`,
    browser,
    close: async () => { await browser.close(); server.close(); },
  };
}
