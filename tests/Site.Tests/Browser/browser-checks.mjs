// Headless checks of a built site, driven by BrowserTests.cs. One browser launch for everything.
//   node browser-checks.mjs --site DIR --base /kb/ --theme THEME_DIR --artifacts DIR [--chromium /usr/bin/chromium]
//                           [--lazy-site DIR2 --lazy-base /lazy/]   (a site big enough to fetch its sidebar lazily)
// Serves DIR under --base (and DIR2 under --lazy-base) on 127.0.0.1 (random port), visits every page, runs the interaction checks and
// prints ONE JSON line on stdout: { ok, checks: [{ name, ok, detail }], pages: n }.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const siteDir = path.resolve(args.site);
const base = args.base || '/';
const artifacts = path.resolve(args.artifacts || 'artifacts');
const chromiumPath = args.chromium || '/usr/bin/chromium';
const mounts = [[base, siteDir]];
if (args['lazy-site']) mounts.push([args['lazy-base'] || '/lazy/', path.resolve(args['lazy-site'])]);
fs.mkdirSync(artifacts, { recursive: true });

const { chromium } = await import(pathToFileURL(path.join(path.resolve(args.theme), 'node_modules', 'playwright-core', 'index.mjs')).href);

/* ---------- static server: DIR mounted at BASE, 404.html for anything missing ---------- */
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.woff2': 'font/woff2', '.woff': 'font/woff',
  '.ttf': 'font/ttf', '.xml': 'application/xml', '.txt': 'text/plain; charset=utf-8', '.ico': 'image/x-icon' };
function resolveFile(urlPath) {
  const mount = mounts.find(([b]) => urlPath.startsWith(b));
  if (!mount) return null;
  const [mBase, mDir] = mount;
  let rel;
  try { rel = decodeURIComponent(urlPath.slice(mBase.length)); } catch { return null; }
  const full = path.join(mDir, rel);
  if (!full.startsWith(mDir)) return null;
  try {
    const st = fs.statSync(full);
    if (st.isDirectory()) {
      if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
      const idx = path.join(full, 'index.html');
      return fs.existsSync(idx) ? { file: idx } : null;
    }
    return { file: full };
  } catch { return null; }
}
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const hit = resolveFile(url.pathname);
  if (hit?.redirect) { res.writeHead(301, { Location: hit.redirect + url.search }); res.end(); return; }
  if (!hit) {
    const nf = path.join(siteDir, '404.html');
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(fs.existsSync(nf) ? fs.readFileSync(nf) : 'not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(hit.file).toLowerCase()] || 'application/octet-stream', 'Cache-Control': 'no-cache' });
  fs.createReadStream(hit.file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const siteUrl = (rel, b = base) => origin + b + rel.split('/').map(encodeURIComponent).join('/');

/* ---------- results ---------- */
const checks = [];
const check = (name, ok, detail = '') => { checks.push({ name, ok: !!ok, detail: String(detail) }); };
async function step(name, fn) {
  const t = Date.now();
  try { await fn(); } catch (e) { check(name, false, 'threw: ' + (e && e.stack || e)); }
  finally { timings[name] = Date.now() - t; }
}

/* ---------- pages ---------- */
function listPages(dir, prefix = '') {
  const out = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + ent.name;
    if (ent.isDirectory()) { if (rel !== 'assets') out.push(...listPages(path.join(dir, ent.name), rel + '/')); }
    else if (ent.name.endsWith('.html') && rel !== 'sidebar.html') out.push(rel);
  }
  return out.sort();
}
const pages = listPages(siteDir).map((rel) => rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
const pageHtml = (p) => fs.readFileSync(path.join(siteDir, p.endsWith('/') || p === '' ? p + 'index.html' : p), 'utf8');
// the richest note page (most share buttons) is the one the interaction checks use
const mainNote = pages
  .map((p) => ({ p, html: pageHtml(p) }))
  .filter(({ html }) => html.includes('<article class="note"') && !/<body class="[^"]*\bshare\b/.test(html))
  .map(({ p, html }) => ({ p, n: (html.match(/ data-share="/g) || []).length }))
  .sort((a, b) => b.n - a.n)[0]?.p;
const sharePage = pages.find((p) => p.startsWith('s/'));

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const deadline = setTimeout(() => { console.log(JSON.stringify({ ok: false, checks: [...checks, { name: 'suite', ok: false, detail: 'timed out inside the node script' }] })); process.exit(3); }, 170_000);

// After 'load': wait until no request of this page is in flight for a moment (cheaper than 'networkidle').
async function settle(page, maxMs = 3000) {
  const t0 = Date.now();
  let quiet = 0;
  while (Date.now() - t0 < maxMs && quiet < 2) {
    await page.waitForTimeout(30);
    quiet = (page._inflight ?? 0) === 0 ? quiet + 1 : 0;
  }
}
const timings = {};
const timed = async (name, fn) => { const t = Date.now(); try { return await fn(); } finally { timings[name] = Date.now() - t; } };

function watch(page) {
  const problems = [];
  page._inflight = 0;
  page.on('request', () => { page._inflight++; });
  page.on('requestfinished', () => { page._inflight--; });
  page.on('requestfailed', () => { page._inflight--; });
  // The one deliberate 404 (a missing URL, which must still render the styled 404 page) is not a problem.
  const expected404 = (url) => url.includes('/definitely-missing/');
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location()?.url || '';
    if (expected404(where) && /status of 404/.test(m.text())) return;
    problems.push(`console error: ${m.text()} @ ${where}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
  page.on('requestfailed', (r) => {
    // ERR_ABORTED = cancelled by the next navigation (e.g. a late favicon request); real failures are caught as HTTP errors
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !(r.request().isNavigationRequest() && expected404(r.url()))) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });

  /* 1. every page: no console errors, no failed requests */
  await step('every page loads cleanly', async () => {
    // three tabs at a time; every page (plus one missing URL, which must render the styled 404 page)
    const queue = [...pages, 'definitely-missing/page/'];
    const byProblem = new Map(); // problem → pages it happened on
    const missing = new Set();
    const worker = async () => {
      const page = await ctx.newPage();
      const problems = watch(page);
      page.on('response', (r) => { if (r.status() >= 400 && !r.request().isNavigationRequest()) missing.add(r.url()); });
      for (let p; (p = queue.shift()) !== undefined;) {
        problems.length = 0;
        await page.goto(siteUrl(p), { waitUntil: 'load' });
        await settle(page);
        for (const pr of new Set(problems)) byProblem.set(pr, [...(byProblem.get(pr) || []), p || '(home)']);
      }
      await page.close();
    };
    await Promise.all([worker(), worker(), worker()]);
    const total = pages.length + 1;
    const lines = [...byProblem].sort((a, b) => b[1].length - a[1].length)
      .map(([pr, on]) => `${pr}\n    on ${on.length === total ? 'every page' : on.length + ' page(s): ' + on.sort().slice(0, 6).join(', ') + (on.length > 6 ? ', …' : '')}`);
    const summary = missing.size ? `missing files: ${[...missing].sort().join(', ')}\n` : '';
    check('every page loads cleanly', lines.length === 0, lines.length ? summary + lines.join('\n') : `${pages.length} pages + a missing URL`);
  });

  const page = await ctx.newPage();
  const problems = watch(page);
  await page.goto(siteUrl(mainNote), { waitUntil: 'load' });
  await settle(page);

  /* 2. current note is marked in the sidebar */
  await step('sidebar marks the current note', async () => {
    const marked = await page.$$eval('nav#sidebar a[aria-current="page"]', (as) => as.map((a) => a.pathname));
    const here = await page.evaluate(() => location.pathname);
    check('sidebar marks the current note', marked.length === 1 && decodeURI(marked[0]) === decodeURI(here), `marked=${JSON.stringify(marked)} here=${here}`);
  });

  /* 3. copy-link puts the absolute share URL on the clipboard and confirms */
  await step('copy-link copies the share URL', async () => {
    if ((await page.locator('.note-body .copy-link[data-share]').count()) < 2)
      throw new Error(`no .copy-link buttons on ${mainNote}: are sections and share pages being generated?`);
    const btn = page.locator('.note-body .copy-link[data-share]').nth(1);
    await btn.scrollIntoViewIfNeeded();
    await btn.hover();
    const expected = await btn.evaluate((b) => new URL(b.dataset.share, location.href).href);
    await page.evaluate(() => navigator.clipboard.writeText('(empty)'));
    await btn.click();
    const toast = page.locator('[role="status"] .toast');
    await toast.waitFor({ state: 'visible', timeout: 3000 });
    const toastText = await toast.textContent();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const okShape = clip.startsWith(origin + base + 's/');
    check('copy-link copies the share URL', clip === expected && okShape, `clipboard=${clip} expected=${expected}`);
    check('copy-link shows a confirmation', /Link copied/.test(toastText) && /已复制/.test(toastText), `toast=${toastText}`);
    // the copied URL is a real page carrying its own OpenGraph title
    const res = await ctx.request.get(clip);
    const html = await res.text();
    check('copied share URL resolves', res.status() === 200 && /property="og:title"/.test(html), `HTTP ${res.status()} ${clip}`);
  });

  /* 4. code blocks get a working copy button */
  await step('code copy button', async () => {
    const block = page.locator('.code-block').first();
    await block.scrollIntoViewIfNeeded();
    await block.hover();
    await block.locator('.code-copy').click();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    const code = await block.locator('pre > code').evaluate((c) => c.textContent.replace(/\n$/, ''));
    check('code copy button', clip === code && code.length > 0, `copied ${clip.length} chars of ${code.length}`);
  });

  /* 5. scroll-spy highlights the section being read */
  await step('scroll-spy follows the reader', async () => {
    const ids = await page.$$eval('.toc-list a[href^="#"]', (as) => as.map((a) => decodeURIComponent(a.hash.slice(1))));
    const target = ids[Math.min(3, ids.length - 1)];
    await page.evaluate((id) => { document.documentElement.style.scrollBehavior = 'auto'; document.getElementById(id).scrollIntoView(); window.scrollBy(0, -80); }, target);
    await page.waitForFunction((id) => { const a = document.querySelector('.toc-list a.active'); return a && decodeURIComponent(a.hash.slice(1)) === id; }, target, { timeout: 3000 }).catch(() => {});
    const active = await page.$eval('.toc-list a.active', (a) => decodeURIComponent(a.hash.slice(1))).catch(() => null);
    check('scroll-spy follows the reader', active === target, `active=${active} expected=${target}`);
    await page.evaluate(() => window.scrollTo(0, 0));
  });

  /* 6. screenshots of a note page (desktop) */
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(artifacts, 'note-1280.png') });

  /* 7. dark mode toggle survives a reload */
  await step('dark mode survives reload', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lum = (c) => { const [r, g, b] = c.match(/\d+/g).map(Number); return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
    const before = await bg();
    await page.click('.theme-toggle');
    const theme1 = await page.evaluate(() => document.documentElement.dataset.theme);
    await page.reload({ waitUntil: 'load' });
    const theme2 = await page.evaluate(() => document.documentElement.dataset.theme);
    const after = await bg();
    const pressed = await page.getAttribute('.theme-toggle', 'aria-pressed');
    check('dark mode survives reload', lum(before) > 0.8 && theme1 === 'dark' && theme2 === 'dark' && lum(after) < 0.2 && pressed === 'true',
      `before=${before} theme=${theme1}→${theme2} after=${after} aria-pressed=${pressed}`);
    await page.screenshot({ path: path.join(artifacts, 'note-1280-dark.png') });
    await page.click('.theme-toggle');
    await page.reload({ waitUntil: 'load' });
    const back = await page.evaluate(() => document.documentElement.dataset.theme);
    check('light mode survives reload', back === 'light' && lum(await bg()) > 0.8, `theme=${back}`);
  });
  if (problems.length) check('note page interactions without console errors', false, [...new Set(problems)].join('\n'));
  await page.close();

  /* 8. a big site fetches the full sidebar once and marks the current note in it */
  if (mounts.length > 1) await step('lazy sidebar loads once', async () => {
    const [lazyBase] = mounts[1];
    const p = await ctx.newPage();
    const probs = watch(p);
    let fetches = 0;
    p.on('request', (r) => { if (r.url().endsWith('/sidebar.html')) fetches++; });
    await p.goto(siteUrl(mainNote, lazyBase), { waitUntil: 'load' });
    // Inline: the page's branch (its siblings and itself with its sections); fetched: every note, and the page's
    // own entry grafted in with its sections.
    const inline = await (await ctx.request.get(siteUrl(mainNote, lazyBase))).text();
    const before = (inline.match(/class="tree-note"/g) || []).length;
    const sectionsBefore = (inline.match(/class="tree-section"/g) || []).length;
    await p.waitForSelector('nav#sidebar[data-tree-loaded]', { timeout: 5000 });
    await settle(p);
    const notes = await p.$$eval('nav#sidebar .tree-note', (li) => li.length);
    const sections = await p.$$eval('nav#sidebar .tree-section', (li) => li.length);
    const marked = await p.$$eval('nav#sidebar a[aria-current="page"]', (as) => as.map((a) => decodeURI(a.pathname)));
    const here = decodeURI(await p.evaluate(() => location.pathname));
    const visible = await p.$eval('nav#sidebar a[aria-current="page"]', (a) => { const r = a.getBoundingClientRect(), s = document.getElementById('sidebar').getBoundingClientRect(); return r.top >= s.top && r.bottom <= s.bottom; }).catch(() => false);
    check('lazy sidebar loads once', fetches === 1 && before >= 1 && before < 30 && notes > 150 && sectionsBefore > 0 && sections === sectionsBefore
      && marked.length === 1 && marked[0] === here && visible && probs.length === 0,
      `fetches=${fetches} notes ${before}→${notes} sections ${sectionsBefore}→${sections} marked=${JSON.stringify(marked)} here=${here} inView=${visible}\n${[...new Set(probs)].join('\n')}`);
    await p.close();
  });

  /* 8b. on a phone the drawer is closed: the tree is fetched when it first opens, and the current link keeps the focus */
  if (mounts.length > 1) await step('lazy sidebar waits for the drawer on phones', async () => {
    const [lazyBase] = mounts[1];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const p = await phone.newPage();
    const probs = watch(p);
    let fetches = 0;
    p.on('request', (r) => { if (r.url().endsWith('/sidebar.html')) fetches++; });
    await p.goto(siteUrl(mainNote, lazyBase), { waitUntil: 'networkidle' });
    const beforeOpen = fetches;
    await p.click('.menu-toggle');
    await p.waitForSelector('nav#sidebar[data-tree-loaded]', { timeout: 5000 });
    await settle(p);
    const focused = await p.evaluate(() => document.activeElement?.getAttribute('aria-current'));
    await p.click('.drawer-close');
    await p.click('.menu-toggle');
    await settle(p);
    check('lazy sidebar waits for the drawer on phones', beforeOpen === 0 && fetches === 1 && focused === 'page' && probs.length === 0,
      `fetches before open=${beforeOpen} after=${fetches} focused=${focused}\n${[...new Set(probs)].join('\n')}`);
    await phone.close();
  });

  /* 8d. the search engine's modules are fetched on first use (focus), not with every page */
  await step('search modules load on first focus', async () => {
    const p = await ctx.newPage();
    const probs = watch(p);
    const fetched = [];
    p.on('request', (r) => { if (/\/assets\/search\/[\w-]+\.mjs$/.test(r.url())) fetched.push(r.url().split('/').pop()); });
    await p.goto(siteUrl(mainNote), { waitUntil: 'load' });
    await settle(p);
    const before = [...fetched];
    await p.focus('#search-input');
    await p.waitForFunction(() => performance.getEntriesByType('resource').some((e) => e.name.includes('search/meta.json')), null, { timeout: 5000 });
    await settle(p);
    check('search modules load on first focus', before.join() === 'search-ui.mjs' && fetched.includes('search-core.mjs') && fetched.includes('sharded-index.mjs') && probs.length === 0,
      `before focus: ${before.join(', ')}; after: ${fetched.join(', ')}\n${[...new Set(probs)].join('\n')}`);
    await p.close();
  });

  /* 8c. print rules (in site.css, no print.css request): the chrome is hidden on paper, shown on screen */
  await step('print hides the chrome', async () => {
    const p = await ctx.newPage();
    const probs = watch(p);
    await p.goto(siteUrl(mainNote), { waitUntil: 'load' });
    const shown = () => p.evaluate(() => ['.topbar', 'nav#sidebar', 'aside.toc'].map((s) => { const e = document.querySelector(s); return e ? getComputedStyle(e).display : 'absent'; }));
    const screen = await shown();
    await p.emulateMedia({ media: 'print' });
    const paper = await shown();
    check('print hides the chrome', screen.every((d) => d !== 'none') && paper.every((d) => d === 'none' || d === 'absent') && probs.length === 0,
      `screen=${screen} print=${paper}\n${[...new Set(probs)].join('\n')}`);
    await p.close();
  });

  /* 9. phone: drawer opens/closes; screenshots */
  await step('phone drawer', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: 'light' });
    const p = await phone.newPage();
    const probs = watch(p);
    await p.goto(siteUrl(mainNote), { waitUntil: 'load' });
    await settle(p);
    await p.screenshot({ path: path.join(artifacts, 'note-390.png') });
    const inView = () => p.evaluate(() => { const r = document.getElementById('sidebar').getBoundingClientRect(); const cs = getComputedStyle(document.getElementById('sidebar')); return r.right > 0 && r.left < innerWidth && cs.visibility !== 'hidden'; });
    const expanded = () => p.getAttribute('.menu-toggle', 'aria-expanded');
    // The drawer slides (a CSS transition): poll for the end state instead of sleeping a fixed time (300 ms was too
    // short on a loaded machine).
    const until = async (cond, ms = 3000) => { const end = Date.now() + ms; let ok; while (!(ok = await cond()) && Date.now() < end) await p.waitForTimeout(50); return ok; };
    const isOpen = async () => (await inView()) && (await expanded()) === 'true' && (await p.isVisible('.sidebar-backdrop'));
    const isClosed = async () => !(await inView()) && (await expanded()) === 'false';
    const closedAtStart = await isClosed();
    await p.click('.menu-toggle');
    const opened = await until(isOpen);
    const focusInside = await p.evaluate(() => document.getElementById('sidebar').contains(document.activeElement));
    await p.screenshot({ path: path.join(artifacts, 'drawer-390.png') });
    await p.keyboard.press('Escape');
    const closedByEsc = await until(isClosed);
    const focusBack = await p.evaluate(() => document.activeElement?.classList.contains('menu-toggle'));
    await p.click('.menu-toggle');
    await until(isOpen);
    await p.mouse.click(375, 500); // on the backdrop, right of the drawer
    const closedByBackdrop = await until(async () => (await isClosed()) && !(await p.isVisible('.sidebar-backdrop')));
    check('phone drawer opens and closes', closedAtStart && opened && closedByEsc && closedByBackdrop,
      `closedAtStart=${closedAtStart} opened=${opened} closedByEsc=${closedByEsc} closedByBackdrop=${closedByBackdrop}`);
    check('phone drawer moves focus in and back', focusInside && focusBack, `focusInside=${focusInside} focusBack=${focusBack}`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    check('phone page does not scroll sideways', overflow <= 0, `page is ${overflow}px wider than the screen`);
    if (sharePage) {
      await p.goto(siteUrl(sharePage), { waitUntil: 'load' });
      await p.screenshot({ path: path.join(artifacts, 'share-390.png') });
    }
    if (probs.length) check('phone pages without console errors', false, [...new Set(probs)].join('\n'));
    await phone.close();
  });
  await ctx.close();
} finally {
  clearTimeout(deadline);
  await browser.close().catch(() => {});
  server.close();
}
console.log(JSON.stringify({ ok: checks.every((c) => c.ok), pages: pages.length, mainNote, timings, checks }));
