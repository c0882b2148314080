// Reading experience: theme toggle, sidebar drawer + current page, lazy sidebar, scroll-spy,
// copy-link / copy-code with a confirmation toast (code is highlighted at build time). No dependencies.

const root = document.documentElement;
const $ = (sel, el = document) => el.querySelector(sel);
const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));

/* ---------- toast (one polite live region) ---------- */
let toastRegion;
export function toast(message, { error = false, ms = 2200 } = {}) {
  if (!toastRegion) {
    toastRegion = document.createElement('div');
    toastRegion.className = 'toast-region';
    toastRegion.setAttribute('role', 'status');
    toastRegion.setAttribute('aria-live', 'polite');
    document.body.append(toastRegion);
  }
  const t = document.createElement('div');
  t.className = error ? 'toast error' : 'toast';
  t.textContent = message;
  toastRegion.replaceChildren(t);
  setTimeout(() => { t.classList.add('leaving'); setTimeout(() => t.remove(), 250); }, ms);
}

/* ---------- clipboard ---------- */
export async function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    try { await navigator.clipboard.writeText(text); return true; } catch { /* fall back below */ }
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.cssText = 'position:fixed;top:0;left:0;width:1px;height:1px;opacity:0;pointer-events:none';
  document.body.append(ta);
  const active = document.activeElement;
  ta.select();
  let ok = false;
  try { ok = document.execCommand('copy'); } catch { ok = false; }
  ta.remove();
  if (active instanceof HTMLElement) active.focus({ preventScroll: true });
  return ok;
}

function flash(btn) {
  btn.classList.add('copied');
  clearTimeout(btn._copiedTimer);
  btn._copiedTimer = setTimeout(() => btn.classList.remove('copied'), 1600);
}

/* ---------- copy-link buttons: one per heading with a share URL (data-share), added here because they need script ---------- */
for (const h of $$(':is(h2, h3, h4, h5, h6)[data-share]')) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'copy-link';
  b.dataset.share = h.dataset.share;
  b.setAttribute('aria-label', 'Copy link to this section');
  b.title = 'Copy link';
  b.textContent = '🔗';
  h.append(b);
}

document.addEventListener('click', async (e) => {
  const link = e.target instanceof Element && e.target.closest('.copy-link[data-share]');
  if (link) {
    e.preventDefault();
    const url = new URL(link.dataset.share, location.href).href;
    if (await copyText(url)) { flash(link); toast('已复制链接 Link copied'); }
    else toast('复制失败，请手动复制 Copy failed: ' + url, { error: true, ms: 6000 });
    return;
  }
  const codeBtn = e.target instanceof Element && e.target.closest('.code-copy');
  if (codeBtn) {
    const block = codeBtn.closest('.code-block');
    const code = block && $('pre > code', block);
    if (!code) return;
    if (await copyText(code.textContent.replace(/\n$/, ''))) { flash(codeBtn); toast('已复制代码 Code copied'); }
    else toast('复制失败 Copy failed', { error: true });
  }
});

/* ---------- theme toggle: light ⇄ dark, remembered ---------- */
const darkQuery = window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
const effectiveTheme = () => root.dataset.theme || (darkQuery && darkQuery.matches ? 'dark' : 'light');
function syncThemeButtons() {
  const dark = effectiveTheme() === 'dark';
  for (const b of $$('.theme-toggle')) {
    b.setAttribute('aria-pressed', String(dark));
    const label = dark ? '切换到浅色模式 Switch to light mode' : '切换到深色模式 Switch to dark mode';
    b.setAttribute('aria-label', label);
    b.title = label;
  }
}
for (const b of $$('.theme-toggle')) {
  b.addEventListener('click', () => {
    const next = effectiveTheme() === 'dark' ? 'light' : 'dark';
    root.dataset.theme = next;
    try { localStorage.setItem('theme', next); } catch { /* private mode: this page only */ }
    syncThemeButtons();
  });
}
darkQuery?.addEventListener?.('change', syncThemeButtons);
syncThemeButtons();

/* ---------- sidebar drawer (phones) ---------- */
const sidebar = $('nav#sidebar');
const menuBtn = $('.menu-toggle');
const backdrop = $('.sidebar-backdrop');
const drawerQuery = window.matchMedia('(max-width: 899.98px)');
let returnFocus = null;

const drawerOpen = () => document.body.classList.contains('drawer-open');
function openDrawer() {
  if (!sidebar || drawerOpen()) return;
  returnFocus = document.activeElement;
  document.body.classList.add('drawer-open');
  if (backdrop) backdrop.hidden = false;
  menuBtn?.setAttribute('aria-expanded', 'true');
  menuBtn?.setAttribute('aria-label', '关闭导航 Close navigation');
  // Focus the current page's link if there is one, else the first link; after the slide-in starts.
  const target = $('a[aria-current="page"]', sidebar) || $('a, summary', sidebar);
  requestAnimationFrame(() => (target || sidebar).focus({ preventScroll: false }));
}
function closeDrawer({ restoreFocus = true } = {}) {
  if (!drawerOpen()) return;
  document.body.classList.remove('drawer-open');
  if (backdrop) backdrop.hidden = true;
  menuBtn?.setAttribute('aria-expanded', 'false');
  menuBtn?.setAttribute('aria-label', '打开导航 Open navigation');
  if (restoreFocus) (returnFocus instanceof HTMLElement && returnFocus.isConnected ? returnFocus : menuBtn)?.focus();
  returnFocus = null;
}
if (sidebar && menuBtn) {
  if (!sidebar.hasAttribute('tabindex')) sidebar.tabIndex = -1;
  // Drawer header (phones only, via CSS): the menu button is under the drawer, so offer a close button in it.
  const head = document.createElement('div');
  head.className = 'drawer-head';
  const title = document.createElement('span');
  title.textContent = '目录 Contents';
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'drawer-close';
  close.setAttribute('aria-label', '关闭导航 Close navigation');
  close.innerHTML = '<span class="icon icon-close" aria-hidden="true"></span>';
  close.addEventListener('click', () => closeDrawer());
  head.append(title, close);
  sidebar.prepend(head);
  menuBtn.addEventListener('click', () => (drawerOpen() ? closeDrawer() : openDrawer()));
  backdrop?.addEventListener('click', () => closeDrawer());
  document.addEventListener('keydown', (e) => {
    if (!drawerOpen()) return;
    if (e.key === 'Escape') { e.preventDefault(); closeDrawer(); return; }
    if (e.key === 'Tab') { // keep focus inside the open drawer
      const items = $$('a[href], summary, button, input', sidebar).filter((el) => el.offsetParent !== null);
      if (!items.length) return;
      const first = items[0], last = items[items.length - 1];
      if (e.shiftKey && (document.activeElement === first || !sidebar.contains(document.activeElement))) { e.preventDefault(); last.focus(); }
      else if (!e.shiftKey && (document.activeElement === last || !sidebar.contains(document.activeElement))) { e.preventDefault(); first.focus(); }
    }
  });
  // Following a link inside the drawer (often a #section of this page) closes it.
  sidebar.addEventListener('click', (e) => {
    if (drawerOpen() && e.target instanceof Element && e.target.closest('a[href]')) closeDrawer({ restoreFocus: false });
  });
  drawerQuery.addEventListener?.('change', (e) => { if (!e.matches) closeDrawer({ restoreFocus: false }); });
}

/* ---------- sidebar: current page, lazy tree ---------- */
const samePath = (a, b) => {
  try { return decodeURI(a).replace(/index\.html$/, '') === decodeURI(b).replace(/index\.html$/, ''); }
  catch { return a === b; }
};
function markCurrent() {
  if (!sidebar) return;
  const current = sidebar.dataset.current;
  if (current == null) return;
  const here = new URL(current, location.href).pathname;
  let found = null;
  for (const a of $$('a[href]', sidebar)) {
    const u = new URL(a.getAttribute('href'), location.href);
    const match = !u.hash && samePath(u.pathname, here);
    if (match && !found) { found = a; a.setAttribute('aria-current', 'page'); }
    else if (a.getAttribute('aria-current') === 'page') a.removeAttribute('aria-current');
  }
  if (!found) return;
  // Open every <details> around it, and its own (its sections) if it has one.
  for (let d = found.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
  // Bring it into view inside the sidebar only (never scroll the page).
  const top = found.getBoundingClientRect().top - sidebar.getBoundingClientRect().top + sidebar.scrollTop;
  if (top > sidebar.clientHeight * 0.6) sidebar.scrollTop = Math.max(0, top - sidebar.clientHeight / 3);
}
async function loadTree() {
  const url = sidebar?.dataset.tree;
  if (!url) return;
  try {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(res.status + ' ' + res.statusText);
    const html = await res.text();
    const keepScroll = sidebar.scrollTop;
    const head = $('.drawer-head', sidebar);
    // The page's own entry (its note open with its sections) replaces the bare one in the shared tree.
    const mine = $('a[aria-current="page"]', sidebar)?.closest('li.tree-note');
    const hadFocus = sidebar.contains(document.activeElement);
    sidebar.innerHTML = html; // our own build output, same origin
    if (head) sidebar.prepend(head);
    if (mine) {
      const here = new URL(sidebar.dataset.current, location.href).pathname;
      const bare = $$('a[href]', sidebar).find((a) => { const u = new URL(a.getAttribute('href'), location.href); return !u.hash && samePath(u.pathname, here); });
      bare?.closest('li')?.replaceWith(mine);
    }
    sidebar.scrollTop = keepScroll;
    sidebar.dataset.treeLoaded = '';
    markCurrent();
    if (hadFocus && !sidebar.contains(document.activeElement)) ($('a[aria-current="page"]', sidebar) || sidebar).focus({ preventScroll: true });
    sectionLinks = null; // sidebar links changed: rebuild the section lookup
  } catch (err) {
    console.warn('sidebar: could not load', url, err); // the page's own outline stays in place
  }
}
markCurrent();
// The page carries its own branch; the whole tree is fetched when the sidebar is on screen: at once on a wide
// window, when the drawer first opens (or the window widens) on a phone.
let treeWanted = false;
const wantTree = () => { if (!treeWanted) { treeWanted = true; loadTree(); } };
if (sidebar?.dataset.tree && drawerQuery.matches) {
  menuBtn?.addEventListener('click', wantTree);
  drawerQuery.addEventListener?.('change', (e) => { if (!e.matches) wantTree(); });
} else wantTree();

/* ---------- scroll-spy for "on this page" ---------- */
let sectionLinks = null; // id → sidebar section link on this page
function sidebarSectionLink(id) {
  if (!sidebar) return null;
  if (!sectionLinks) {
    sectionLinks = new Map();
    const here = new URL(sidebar.dataset.current ?? location.pathname, location.href).pathname;
    for (const a of $$('a[href*="#"]', sidebar)) {
      const u = new URL(a.getAttribute('href'), location.href);
      if (samePath(u.pathname, here)) {
        try { sectionLinks.set(decodeURIComponent(u.hash.slice(1)), a); } catch { /* malformed: skip */ }
      }
    }
  }
  return sectionLinks.get(id) || null;
}
const fragmentId = (a) => { try { return decodeURIComponent(a.hash.slice(1)); } catch { return a.hash.slice(1); } };
const tocLinks = $$('.toc-list a[href^="#"]');
if (tocLinks.length && 'IntersectionObserver' in window) {
  const pairs = tocLinks
    .map((a) => ({ a, id: fragmentId(a) }))
    .map((p) => ({ ...p, h: document.getElementById(p.id) }))
    .filter((p) => p.h);
  const toc = $('aside.toc');
  let active = null;
  let pending = false;
  const update = () => {
    pending = false;
    const line = parseFloat(getComputedStyle(root).scrollPaddingTop) || 72;
    const band = line + window.innerHeight * 0.25;
    let current = null;
    for (const p of pairs) { if (p.h.getBoundingClientRect().top <= band) current = p; else break; }
    // At the very bottom the last headings can never reach the band: prefer the #target, else the last visible one.
    if (window.innerHeight + window.scrollY >= root.scrollHeight - 4) {
      const visible = pairs.filter((p) => p.h.getBoundingClientRect().top < window.innerHeight);
      let hash = '';
      try { hash = decodeURIComponent(location.hash.slice(1)); } catch { /* keep '' */ }
      current = visible.find((p) => p.h.id === hash) || visible[visible.length - 1] || current;
    }
    if (current === active) return;
    if (active) {
      active.a.classList.remove('active'); active.a.removeAttribute('aria-current');
      sidebarSectionLink(active.id)?.classList.remove('is-current-section');
    }
    active = current;
    if (!active) return;
    active.a.classList.add('active'); active.a.setAttribute('aria-current', 'true');
    sidebarSectionLink(active.id)?.classList.add('is-current-section');
    if (toc && toc.scrollHeight > toc.clientHeight) {
      const r = active.a.getBoundingClientRect(), tr = toc.getBoundingClientRect();
      if (r.top < tr.top + 40 || r.bottom > tr.bottom - 40) toc.scrollTop += r.top - tr.top - toc.clientHeight / 3;
    }
  };
  const schedule = () => { if (!pending) { pending = true; requestAnimationFrame(update); } };
  const io = new IntersectionObserver(schedule, { rootMargin: '0px 0px -60% 0px', threshold: [0, 1] });
  for (const p of pairs) io.observe(p.h);
  window.addEventListener('hashchange', schedule);
  window.addEventListener('scrollend', schedule, { passive: true });
  schedule();
}

/* ---------- code blocks: highlighted and given their header bar (label, copy button) at build time ---------- */
for (const pre of $$('.code-block > pre')) {
  if (pre.scrollWidth > pre.clientWidth) pre.tabIndex = 0; // scrollable region reachable by keyboard
}

/* ---------- wide tables and display math: keyboard-scrollable when they overflow ---------- */
for (const el of $$('.table-wrap, .katex-display')) {
  if (el.scrollWidth > el.clientWidth + 1) {
    el.tabIndex = 0;
    if (el.classList.contains('table-wrap')) { el.setAttribute('role', 'region'); el.setAttribute('aria-label', '表格 Table (scrolls sideways)'); }
  }
}

/* ---------- "search" buttons elsewhere on the page focus the search box ---------- */
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element && e.target.closest('[data-focus-search]');
  if (!a) return;
  const input = document.getElementById('search-input');
  if (input) { e.preventDefault(); input.focus(); input.scrollIntoView({ block: 'nearest' }); }
});

/* ---------- links that last: an old #anchor (renamed or moved heading) lands on the heading now ----------
   The build writes s/anchors.json ({"note/url/": {"old-anchor": "anchor" | "other/url/#anchor"}}) from the link
   registry; it is fetched only when the page is opened at an anchor it does not have. */
async function followMovedAnchor() {
  const raw = location.hash.slice(1);
  if (!raw) return;
  let id;
  try { id = decodeURIComponent(raw); } catch { id = raw; }
  if (document.getElementById(id)) return;
  const base = root.dataset.base || '/';
  let path;
  try { path = decodeURIComponent(location.pathname); } catch { path = location.pathname; }
  if (!path.startsWith(base)) return;
  const page = path.slice(base.length).replace(/index\.html$/, '');
  let map;
  try {
    const res = await fetch(base + 's/anchors.json');
    if (!res.ok) return;
    map = await res.json();
  } catch { return; }
  const to = map && map[page] && map[page][id];
  if (typeof to !== 'string' || !to) return;
  const hash = to.indexOf('#');
  if (hash < 0) {
    location.replace('#' + encodeURIComponent(to));
  } else {
    const url = to.slice(0, hash).split('/').map(encodeURIComponent).join('/');
    location.replace(base + url + '#' + encodeURIComponent(to.slice(hash + 1)));
  }
}
followMovedAnchor();
window.addEventListener('hashchange', followMovedAnchor);
