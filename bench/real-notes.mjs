// Measures a site built from a folder of real notes (driven by bench/real-notes.sh).
//   node bench/real-notes.mjs --site OUT --source NOTES --theme theme [--chromium /usr/bin/chromium] [--max-width-pages 60]
// Every note page is loaded in headless Chromium (a 360 px viewport) and inspected through the DOM.
// Prints one JSON object: source $, visible $, formulas, KaTeX errors, broken internal links, [toc] left,
// duplicate sidebar entries, pages with skipped heading levels, pages wider than 360 px, with examples.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]]);
  return acc;
}, []));
const siteDir = path.resolve(args.site);
const sourceDir = path.resolve(args.source);
const maxWidthPages = Number(args['max-width-pages'] || 60);
const { chromium } = await import(pathToFileURL(path.join(path.resolve(args.theme), 'node_modules', 'playwright-core', 'index.mjs')).href);

function walk(dir, keep, out = []) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    if (ent.name.startsWith('.') || ent.name === 'node_modules') continue;
    const full = path.join(dir, ent.name);
    if (ent.isDirectory()) walk(full, keep, out);
    else if (keep(ent.name)) out.push(full);
  }
  return out;
}

// `$` in the source: every '$' in the files the generator reads as notes (.md / .markdown / .txt).
const sources = walk(sourceDir, (n) => /\.(md|markdown|txt)$/i.test(n));
const sourceDollars = sources.reduce((n, f) => n + (fs.readFileSync(f, 'utf8').match(/\$/g) || []).length, 0);

// Note pages: index.html files holding an <article class="note">.
const notePages = walk(siteDir, (n) => n === 'index.html')
  .filter((f) => fs.readFileSync(f, 'utf8').includes('<article class="note"'))
  .map((f) => '/' + path.relative(siteDir, path.dirname(f)).split(path.sep).map(encodeURIComponent).join('/') + '/')
  .map((u) => u.replace(/^\/\/$/, '/'))
  .sort();

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.gif': 'image/gif', '.webp': 'image/webp', '.woff2': 'font/woff2' };
function fileFor(urlPath) {
  let rel;
  try { rel = decodeURIComponent(urlPath); } catch { return null; }
  const full = path.join(siteDir, rel);
  if (!full.startsWith(siteDir)) return null;
  try {
    const st = fs.statSync(full);
    if (st.isDirectory()) return fs.existsSync(path.join(full, 'index.html')) ? path.join(full, 'index.html') : null;
    return full;
  } catch { return null; }
}
const server = http.createServer((req, res) => {
  const file = fileFor(new URL(req.url, 'http://x').pathname);
  if (!file) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({ executablePath: args.chromium || '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 360, height: 780 } });
const page = await ctx.newPage();
// Only the page and its own assets: images and fonts are not needed for the counts.
await page.route('**/*', (route) => (['image', 'font', 'media'].includes(route.request().resourceType()) ? route.abort() : route.continue()));

const r = { notes: sources.length, notePages: notePages.length, sourceDollars, visibleDollars: 0, formulas: 0, katexErrors: 0,
  internalLinks: 0, brokenLinks: 0, tocLeft: 0, duplicateSidebarEntries: 0, skippedHeadingPages: 0, widthChecked: 0, widerThan360: 0, examples: {} };
const example = (key, v) => { const a = (r.examples[key] ??= []); if (a.length < 8) a.push(v); };
const widthEvery = Math.max(1, Math.ceil(notePages.length / maxWidthPages));

for (let i = 0; i < notePages.length; i++) {
  const url = notePages[i];
  await page.goto(origin + url, { waitUntil: 'load' });
  const d = await page.evaluate(async (first) => {
    const body = document.querySelector('.note-body') || document.querySelector('article.note');
    const clone = body.cloneNode(true);
    clone.querySelectorAll('code, pre, .katex, .math-error, .math-fallback, script, style').forEach((e) => e.remove());
    const text = clone.textContent;
    const dollarContexts = [];
    for (let k = text.indexOf('$'); k >= 0 && dollarContexts.length < 3; k = text.indexOf('$', k + 1))
      dollarContexts.push(text.slice(Math.max(0, k - 20), k + 20).replace(/\s+/g, ' '));
    const levels = [...document.querySelectorAll('article.note h1, article.note h2, article.note h3, article.note h4, article.note h5, article.note h6')]
      .map((h) => Number(h.tagName[1]));
    let skipped = null;
    for (let k = 1; k < levels.length; k++) if (levels[k] > levels[k - 1] + 1) { skipped = `h${levels[k - 1]}→h${levels[k]}`; break; }
    const dups = [];
    if (first) {
      // The whole tree: inline, or the shared sidebar file big sites load lazily.
      let root = document.querySelector('#sidebar');
      const lazy = root?.getAttribute('data-tree');
      if (lazy) root = new DOMParser().parseFromString(await (await fetch(lazy)).text(), 'text/html').body;
      const seen = new Set();
      for (const li of root?.querySelectorAll('li.tree-note') ?? []) {
        const h = li.querySelector('a[href]')?.getAttribute('href');
        if (h && seen.has(h)) dups.push('twice: ' + h);
        if (h) seen.add(h);
      }
      // A folder listed beside its own folder note (chapter1/ → chapter1/chapter1.md, or its README/index).
      for (const g of root?.querySelectorAll('li.tree-group') ?? []) {
        const label = g.querySelector('.tree-label')?.textContent.trim().toLowerCase();
        const kids = [...g.querySelectorAll(':scope > details > ul > li.tree-note > details > summary > a, :scope > details > ul > li.tree-note > a')];
        for (const a of kids) {
          const seg = decodeURIComponent(a.getAttribute('href').replace(/\/$/, '').split('/').pop()).toLowerCase();
          if (seg === label || ['readme', 'index', '_index'].includes(seg) || a.textContent.trim().toLowerCase() === label) dups.push(`folder + note: ${label}`);
        }
      }
    }
    const links = [...body.querySelectorAll('a[href]')].map((a) => a.href).filter((h) => h.startsWith(location.origin));
    return {
      dollars: (text.match(/\$/g) || []).length, dollarContexts,
      formulas: body.querySelectorAll('.katex').length, errors: body.querySelectorAll('.math-error').length,
      toc: (text.match(/\[\[?toc\]\]?/gi) || []).length, skipped, dups, links,
      wide: document.documentElement.scrollWidth,
    };
  }, i === 0);
  r.visibleDollars += d.dollars;
  for (const c of d.dollarContexts) example('visibleDollar', `${decodeURIComponent(url)}: …${c}…`);
  r.formulas += d.formulas;
  r.katexErrors += d.errors;
  r.tocLeft += d.toc;
  if (d.toc) example('tocLeft', decodeURIComponent(url));
  if (d.skipped) { r.skippedHeadingPages++; example('skippedHeading', `${decodeURIComponent(url)} ${d.skipped}`); }
  if (i === 0) { r.duplicateSidebarEntries = d.dups.length; for (const h of d.dups) example('duplicateSidebar', decodeURIComponent(h)); }
  for (const href of d.links) {
    const u = new URL(href);
    r.internalLinks++;
    if (!fileFor(u.pathname)) { r.brokenLinks++; example('brokenLink', `${decodeURIComponent(url)} → ${decodeURIComponent(u.pathname)}`); }
  }
  if (i % widthEvery === 0) {
    r.widthChecked++;
    if (d.wide > 360) { r.widerThan360++; example('wide', `${decodeURIComponent(url)} ${d.wide}px`); }
  }
}
await browser.close();
server.close();
r.visibleDollarShare = r.sourceDollars ? +(100 * r.visibleDollars / r.sourceDollars).toFixed(3) : 0;
console.log(JSON.stringify(r, null, 2));
