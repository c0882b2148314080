// Screenshots a built page in headless Chromium and reports what KaTeX looks like in the browser.
// usage: node screenshot.mjs <themeDir> <siteDir> <page> <out.png>   → prints one JSON line
import { openSite } from './chromium-site.mjs';

const [themeDir, siteDir, pagePath, outPng] = process.argv.slice(2);
const { base, browser, close } = await openSite(themeDir, siteDir);
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
  await close();
}
