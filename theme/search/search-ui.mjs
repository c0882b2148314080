// Search box behaviour. Loaded on every page as
//   <script type="module" src="{base}assets/search/search-ui.mjs"></script>
// next to <input id="search-input" type="search"> and <div id="search-results" hidden></div>.
// search/meta.json is fetched on the first focus of the box; each query then fetches only the index
// shards of its terms, the postings its exact top results need (top-k.mjs) and the display chunks of
// the results shown (sharded-index.mjs). Everything
// from the index reaches the DOM through textContent.
// The engine's modules (search-core.mjs and what it imports, sharded-index.mjs: ~20 KB gzip) are imported
// on first use — the first focus of the box, or a landing highlight (?hl=) — not with every page.

let core = null;      // search-core.mjs once loaded
let corePromise = null;
function loadCore() {
  if (!corePromise) {
    // search-core.mjs's own imports requested with it (one round of module fetches, not two)
    corePromise = Promise.all([import('./search-core.mjs'), import('./tokenizer.mjs'), import('./top-k.mjs')]).then(([m]) => (core = m));
    corePromise.catch(() => { corePromise = null; });
  }
  return corePromise;
}

const RESULT_LIMIT = 20;
// Results shown first (about a screenful of the box): their display chunks are requested on their own
// and they render as soon as those arrive; the rest follow (the box is aria-busy meanwhile).
const FIRST_SCREEN = 6;
// Quiet time after a keystroke before a query runs. A query that a later keystroke makes stale is
// aborted before its next read (SearchEngine.search's signal), so a short wait wastes little.
const DEBOUNCE_MS = 80;

function siteBase() {
  const b = document.documentElement.dataset.base;
  if (b) return b.endsWith('/') ? b : b + '/';
  // fallback: this module lives at {base}assets/search/search-ui.mjs
  return new URL('../../', import.meta.url).pathname;
}

let enginePromise = null;
/**
 * The search engine over the sharded index. Opening it fetches search/meta.json only; a query then
 * fetches the shards of its terms and the display chunks of the results it shows.
 */
export function loadEngine(base = siteBase()) {
  if (!enginePromise) {
    const get = (f) => fetch(base + 'search/' + f).then((r) => {
      if (!r.ok) throw new Error(`${f}: HTTP ${r.status}`);
      return r.arrayBuffer();
    });
    // meta.json requested together with the engine's modules, not after them
    let meta = get('meta.json');
    meta.catch(() => {});
    const fetchBytes = (f) => {
      if (f !== 'meta.json' || !meta) return get(f);
      const p = meta;
      meta = null;
      return p;
    };
    enginePromise = Promise.all([loadCore(), import('./sharded-index.mjs'), import('./inflate.mjs')]).then(([c, { ShardedIndex }]) => {
      const engine = new c.SearchEngine(new ShardedIndex(fetchBytes));
      return engine.index.open().then(() => engine);
    });
    enginePromise.catch(() => { enginePromise = null; });
  }
  return enginePromise;
}

/** Appends `text` to `el`, wrapping the ranges in <mark>. Text only: never parsed as HTML. */
function appendMarked(el, text, ranges) {
  let at = 0;
  for (const [a, b] of ranges) {
    if (a > at) el.appendChild(document.createTextNode(text.slice(at, a)));
    const m = document.createElement('mark');
    m.textContent = text.slice(a, b);
    el.appendChild(m);
    at = b;
  }
  if (at < text.length) el.appendChild(document.createTextNode(text.slice(at)));
}

/** href for a result: base + note url + ?hl=terms + #anchor. */
export function resultHref(base, r, terms) {
  let href = base + r.noteUrl;
  if (terms.length) href += '?hl=' + encodeURIComponent(terms.join(' '));
  if (r.anchor) href += '#' + encodeURIComponent(r.anchor);
  return href;
}

function setup() {
  const input = document.getElementById('search-input');
  const box = document.getElementById('search-results');
  if (!input || !box) return;
  const base = siteBase();
  let timer = 0;
  let selected = -1;
  let items = [];
  let lastQuery = null;
  let inflight = null; // AbortController of the query being searched
  let debounced = null; // resolves when the debounce of the last keystroke ends
  let endDebounce = () => {};

  box.setAttribute('role', 'listbox');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-controls', 'search-results');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');

  const open = () => { box.hidden = false; input.setAttribute('aria-expanded', 'true'); };
  const close = () => {
    box.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  function select(i, scroll = true) {
    if (items.length === 0) { selected = -1; return; }
    selected = (i + items.length) % items.length;
    items.forEach((el, k) => el.setAttribute('aria-selected', k === selected ? 'true' : 'false'));
    const el = items[selected];
    input.setAttribute('aria-activedescendant', el.id);
    if (scroll) el.scrollIntoView({ block: 'nearest' }); // (a forced layout: not for a fresh list, shown from its top)
  }

  function message(text) {
    box.replaceChildren();
    box.removeAttribute('aria-busy');
    const p = document.createElement('p');
    p.className = 'search-message';
    p.textContent = text;
    box.appendChild(p);
    items = [];
    selected = -1;
    open();
  }

  /** Shows `out`'s results; `more`: more results are coming (aria-busy); `keep`: the same list grown, keep the selection and scroll. */
  function render(out, query, more = false, keep = false) {
    const was = keep ? selected : 0;
    const top = keep ? box.scrollTop : 0;
    box.replaceChildren();
    items = [];
    selected = -1;
    if (more) box.setAttribute('aria-busy', 'true'); else box.removeAttribute('aria-busy');
    if (out.results.length === 0) { message(`没有找到 “${query}” / No results`); return; }
    if (out.mode === 'any') {
      const p = document.createElement('p');
      p.className = 'search-message';
      p.textContent = '没有同时包含所有词的结果，显示部分匹配 / No result has every word; showing partial matches';
      box.appendChild(p);
    }
    let n = 0;
    for (const g of core.groupByNote(out.results)) {
      const group = document.createElement('section');
      group.className = 'search-group';
      const h = document.createElement('div');
      h.className = 'search-note';
      appendMarked(h, g.noteTitle, core.highlightRanges(g.noteTitle, out.terms));
      group.appendChild(h);
      for (const r of g.results) {
        const a = document.createElement('a');
        a.className = 'search-result';
        a.id = 'search-result-' + n++;
        a.setAttribute('role', 'option');
        a.setAttribute('aria-selected', 'false');
        a.href = resultHref(base, r, out.terms);
        const t = document.createElement('span');
        t.className = 'search-title';
        appendMarked(t, r.title, core.highlightRanges(r.title, out.terms));
        a.appendChild(t);
        if (r.ancestors.length) {
          const p = document.createElement('span');
          p.className = 'search-path';
          const path = r.ancestors.join(' › ');
          appendMarked(p, path, core.highlightRanges(path, out.terms));
          a.appendChild(p);
        }
        if (r.text) {
          const snip = core.makeSnippet(r.text, out.terms);
          const s = document.createElement('span');
          s.className = 'search-snippet';
          appendMarked(s, snip.text, snip.ranges);
          a.appendChild(s);
        }
        a.addEventListener('mousemove', () => { if (items[selected] !== a) select(items.indexOf(a)); });
        group.appendChild(a);
        items.push(a);
      }
      box.appendChild(group);
    }
    open();
    box.scrollTop = top;
    select(Math.max(0, was), false);
  }

  async function run() {
    endDebounce(); // (also when Enter or ↓ runs the query before the debounce ends)
    const query = input.value;
    if (query === lastQuery && !box.hidden) return;
    lastQuery = query;
    if (!query.trim()) { close(); box.replaceChildren(); items = []; return; }
    let engine;
    try {
      engine = await loadEngine(base);
    } catch (e) {
      message('搜索索引加载失败 / Search index failed to load: ' + e.message);
      lastQuery = null;
      return;
    }
    if (input.value !== query) return; // a newer keystroke will render
    let out;
    inflight?.abort();
    const ctl = new AbortController();
    inflight = ctl;
    let rest = null;
    try {
      const ranked = await engine.rank(query, RESULT_LIMIT, ctl.signal);
      ctl.signal.throwIfAborted();
      // the first screen's display chunks alone (no other request competes with them), then the rest's
      out = { mode: ranked.mode, terms: ranked.terms, results: await engine.display(ranked.hits.slice(0, FIRST_SCREEN)) };
      if (ranked.hits.length > FIRST_SCREEN) { rest = engine.display(ranked.hits.slice(FIRST_SCREEN)); rest.catch(() => {}); }
    } catch (e) {
      if (ctl.signal.aborted) return; // typed on: the newer query renders
      message('搜索出错 / Search error: ' + e.message); lastQuery = null; return;
    } finally { if (inflight === ctl) inflight = null; }
    if (input.value !== query) return; // typed on while the shards loaded
    render(out, query, !!rest);
    if (!rest) return;
    let more;
    try { more = await rest; } catch { more = []; } // a failed chunk leaves the first screen as it is
    if (input.value !== query || lastQuery !== query) return;
    render({ ...out, results: out.results.concat(more) }, query, false, true);
  }

  input.addEventListener('focus', () => {
    loadEngine(base).catch(() => {});
    if (input.value.trim() && items.length) open();
  });
  // While the debounce waits, the query is ranked ahead (its dictionary shards and its words' heads
  // are fetched and read; other heads and the tail chunks its top results need follow when the
  // debounce ends): the query then finds its ranking done or under way. A later keystroke aborts
  // this before its next read. It starts in a task of its own, after the keystroke's handlers (so
  // the keystroke's own handling is not delayed, and a benchmark timing from it sees all the work).
  let ahead = null; // AbortController of the prefetch
  let aheadQuery = null;
  const prefetch = () => {
    const query = input.value;
    // (two keystrokes in one task schedule two prefetches of the same text: one ranking is enough)
    if (!query.trim() || (ahead && !ahead.signal.aborted && aheadQuery === query)) return;
    const ctl = new AbortController();
    ahead = ctl;
    aheadQuery = query;
    loadEngine(base).then((engine) => {
      if (!ctl.signal.aborted && input.value === query) return engine.prefetch(query, RESULT_LIMIT, ctl.signal, debounced);
    }).catch(() => {}); // the query itself reports errors
  };
  input.addEventListener('input', () => {
    if (inflight) { inflight.abort(); inflight = null; lastQuery = null; } // its query is stale now
    ahead?.abort();
    clearTimeout(timer);
    endDebounce(); // (a prefetch waiting on the previous one is aborted: it stops there)
    debounced = new Promise((resolve) => { endDebounce = resolve; });
    timer = setTimeout(run, DEBOUNCE_MS);
    setTimeout(prefetch, 0);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown') { e.preventDefault(); if (box.hidden) run(); else select(selected + 1); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); select(selected - 1); }
    else if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(timer);
      const go = () => { const el = items[selected >= 0 ? selected : 0]; if (el) window.location.href = el.href; };
      if (lastQuery !== input.value) run().then(go); else go();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
      input.blur();
    }
  });
  document.addEventListener('keydown', (e) => {
    const t = e.target;
    const editing = t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName));
    if ((e.key === '/' && !editing && !e.ctrlKey && !e.metaKey && !e.altKey) ||
        ((e.ctrlKey || e.metaKey) && (e.key === 'k' || e.key === 'K'))) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });
  document.addEventListener('click', (e) => {
    if (!box.hidden && e.target !== input && !box.contains(e.target)) close();
  });
}

// ---- highlighting the landed-on section --------------------------------------------------------

const HEADING = /^H[1-6]$/;
const SKIP = 'script,style,mark,button,.anchor,.katex,svg,textarea,input';

/** The elements that make up the section whose heading has id `anchor` (or the intro of the article). */
function sectionElements(anchor) {
  const els = [];
  if (anchor) {
    const h = document.getElementById(anchor);
    if (!h) return els;
    els.push(h);
    for (let n = h.nextElementSibling; n; n = n.nextElementSibling) {
      if (HEADING.test(n.tagName) || n.querySelector('h1,h2,h3,h4,h5,h6')) break;
      els.push(n);
    }
  } else {
    const root = document.querySelector('article') || document.querySelector('main');
    if (!root) return els;
    for (let n = root.firstElementChild; n; n = n.nextElementSibling) {
      if (HEADING.test(n.tagName) && n.id) break;
      els.push(n);
    }
  }
  return els;
}

/** Wraps occurrences of `terms` inside `el` in <mark class="search-hl">. Returns the number of marks.
 * (Needs search-core.mjs loaded: see loadCore.) */
export function highlightIn(el, terms) {
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement && n.parentElement.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  const nodes = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n);
  let count = 0;
  for (const node of nodes) {
    const text = node.nodeValue;
    const ranges = core.highlightRanges(text, terms);
    if (!ranges.length) continue;
    const frag = document.createDocumentFragment();
    let at = 0;
    for (const [a, b] of ranges) {
      if (a > at) frag.appendChild(document.createTextNode(text.slice(at, a)));
      const m = document.createElement('mark');
      m.className = 'search-hl';
      m.textContent = text.slice(a, b);
      frag.appendChild(m);
      at = b;
      count++;
    }
    if (at < text.length) frag.appendChild(document.createTextNode(text.slice(at)));
    node.parentNode.replaceChild(frag, node);
  }
  return count;
}

async function highlightLanding() {
  const params = new URLSearchParams(location.search);
  const hl = params.get('hl');
  if (!hl) return;
  try { await loadCore(); } catch { return; }
  const terms = [...new Set(hl.split(/\s+/).filter(Boolean))];
  let anchor = '';
  try { anchor = decodeURIComponent(location.hash.slice(1)); } catch { anchor = location.hash.slice(1); }
  let first = null;
  for (const el of sectionElements(anchor)) {
    if (highlightIn(el, terms) && !first) first = el.querySelector('mark.search-hl');
  }
  document.documentElement.dataset.searchHighlighted = first ? 'true' : 'false';
  if (first && !anchor) first.scrollIntoView({ block: 'center' });
  // keep the address clean (and the mark only for this visit)
  params.delete('hl');
  const q = params.toString();
  history.replaceState(history.state, '', location.pathname + (q ? '?' + q : '') + location.hash);
}

function init() {
  setup();
  highlightLanding();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();
