// Smaller KaTeX markup with the same layout (build time only).
//
// KaTeX writes every length as an inline style (`style="height:2.7em;"`), and most pages repeat the same few hundred
// declarations thousands of times: about a third of a formula-heavy page's bytes. compact-styles.json names the most
// common declarations (ranked by bytes saved over the KaTeX output of five public note collections: font metrics,
// not note text) as short classes; the site stylesheet gives each class its declaration with !important
// (src/Render/Math/KatexCompaction.cs appends those rules to katex.min.css), which wins over KaTeX's own rules exactly
// as the inline style did. Declarations not in the table stay inline. The <math> element also loses its xmlns
// attribute: in an HTML document the parser puts <math> in the MathML namespace without it.
//
// compactTree walks KaTeX's build tree (katex.__renderToDomTree), before it is turned into markup, so nothing here
// parses HTML.
import fs from 'node:fs';

// The same rule as KatexCompaction.IsValid (C#), which writes a stylesheet rule only for valid entries.
const isValid = (cls, decl) => typeof decl === 'string' && /^k[0-9a-z]{1,4}$/.test(cls) && /^[a-z-]+:[^;{}!<>"\\]+$/.test(decl);

/** Reads compact-styles.json ({ "k0": "height:2.7em", … }) into Map property → Map value → class; missing file → empty. */
export function loadTable(file) {
  let obj;
  try { obj = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return new Map(); }
  const table = new Map();
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return table;
  for (const [cls, decl] of Object.entries(obj)) {
    if (!isValid(cls, decl)) continue;
    const colon = decl.indexOf(':');
    const prop = decl.slice(0, colon), value = decl.slice(colon + 1);
    if (!table.has(prop)) table.set(prop, new Map());
    table.get(prop).set(value, cls);
  }
  return table;
}

// KaTeX's style keys are camelCase (marginRight) and written hyphenated; a handful of keys, so remembered.
const hyphenated = new Map();
const hyphenate = (key) => {
  let h = hyphenated.get(key);
  if (h === undefined) hyphenated.set(key, h = key.replace(/([A-Z])/g, '-$1').toLowerCase());
  return h;
};

// The declarations of one node, in the order KaTeX writes them (a symbol's italic correction first, then its style):
// those in the table become classes, the rest stay inline. New objects, not mutations: KaTeX may share one classes
// array or style object between nodes. Hyphenated style keys are written unchanged by KaTeX.
function compactStyle(node, table) {
  const style = node.style;
  const italic = typeof node.text === 'string' && typeof node.italic === 'number' && node.italic > 0 ? node.italic + 'em' : null;
  let added = null;
  let rest = null;
  if (italic !== null) {
    const cls = table.get('margin-right')?.get(italic);
    if (cls !== undefined) added = [cls];
    else rest = { 'margin-right': italic };
  }
  for (const key in style) {
    const value = style[key];
    if (value === undefined || value === null || value === '') continue;
    const prop = hyphenate(key);
    const cls = table.get(prop)?.get(String(value));
    if (cls !== undefined) (added ??= []).push(cls);
    else (rest ??= {})[prop] = String(value);
  }
  if (added === null) return; // nothing in the table: the node stays as KaTeX made it
  node.classes = node.classes.concat(added);
  node.style = rest ?? {};
  if (italic !== null) node.italic = 0;
}

function compactNode(node, table) {
  if (node.style && Array.isArray(node.classes)) compactStyle(node, table);
  if (node.type === 'math' && node.attributes) delete node.attributes.xmlns;
  const children = node.children;
  if (Array.isArray(children)) for (let i = 0; i < children.length; i++) if (children[i] && typeof children[i] === 'object') compactNode(children[i], table);
}

/** Rewrites KaTeX's build tree in place (see the file comment) and returns it. */
export function compactTree(tree, table) {
  compactNode(tree, table);
  return tree;
}

// ---- compactMarkup: the compacted tree's markup in one pass ---------------------------------------------------------
//
// compactTree(tree).toMarkup() builds new class arrays and style objects for every node, then KaTeX's toMarkup filters,
// joins, hyphenates and escapes them again: about a third of Node's time per formula went to the two passes. compactMarkup
// writes the same bytes (compact.test.mjs compares them over every node type) from the tree as KaTeX left it, without
// changing it. Node types it does not know (SVG, spaces, images; another KaTeX version's) are compacted and written by
// KaTeX as before.

const ESCAPE_ONE = /[&><"']/;
const ESCAPE_ALL = /[&><"']/g;
const ESCAPES = { '&': '&amp;', '>': '&gt;', '<': '&lt;', '"': '&quot;', "'": '&#x27;' };
const escapeChar = (c) => ESCAPES[c];
/** KaTeX's utils.escape, without a replace call for the many strings that need none. */
const escape = (value) => {
  const s = String(value);
  return ESCAPE_ONE.test(s) ? s.replace(ESCAPE_ALL, escapeChar) : s;
};
// KaTeX's attribute-name check (an attribute it would refuse to write is refused the same way, by KaTeX).
const INVALID_ATTRIBUTE = /[\s"'>/=\x00-\x1f]/;

/** " class=…" as KaTeX writes it for a class list plus the compaction classes (empty names dropped, the attribute
 * written whenever the list is not empty); "" for no classes. */
function classAttribute(classes, added) {
  let s = '';
  for (let i = 0; i < classes.length; i++) if (classes[i]) s = s === '' ? classes[i] : s + ' ' + classes[i];
  if (added === null) return classes.length === 0 ? '' : ' class="' + escape(s) + '"';
  for (let i = 0; i < added.length; i++) s = s === '' ? added[i] : s + ' ' + added[i];
  return ' class="' + escape(s) + '"';
}

/**
 * Class and style attributes of a span or symbol, as compactStyle + KaTeX's toMarkup write them; null when a property
 * would be written twice (compactStyle's object keeps one: left to it). When no declaration is in the table the node
 * is written as KaTeX made it (every own style key, empty values included).
 */
function styleAttributes(node, table, isSymbol) {
  const style = node.style;
  const italic = isSymbol && node.italic > 0 ? node.italic + 'em' : null;
  let added = null;
  let rest = '';
  let props = null; // the properties in rest, to find one written twice
  if (italic !== null) {
    const cls = table.get('margin-right')?.get(italic);
    if (cls !== undefined) added = [cls];
    else { rest = 'margin-right:' + italic + ';'; props = ['margin-right']; }
  }
  let skipped = false; // an empty value: dropped when something was compacted, written as KaTeX does otherwise
  for (const key in style) {
    const value = style[key];
    if (value === undefined || value === null || value === '') { skipped = true; continue; }
    const prop = hyphenate(key);
    const cls = table.get(prop)?.get(String(value));
    if (cls !== undefined) { (added ??= []).push(cls); continue; }
    if (props === null) props = [prop];
    else if (props.includes(prop)) return null;
    else props.push(prop);
    rest += prop + ':' + value + ';';
  }
  if (added === null && skipped) {
    // As KaTeX writes it: every own key, whatever its value.
    rest = italic !== null ? 'margin-right:' + italic + ';' : '';
    for (const key in style) if (Object.prototype.hasOwnProperty.call(style, key)) rest += hyphenate(key) + ':' + style[key] + ';';
  }
  return classAttribute(node.classes, added) + (rest === '' ? '' : ' style="' + escape(rest) + '"');
}

/** Attributes as KaTeX writes them; null for a name KaTeX's span refuses (it throws: left to it). */
function attributes(attrs, check) {
  let s = '';
  for (const attr in attrs) {
    if (!Object.prototype.hasOwnProperty.call(attrs, attr)) continue;
    if (check && INVALID_ATTRIBUTE.test(attr)) return null;
    s += ' ' + attr + '="' + escape(attrs[attr]) + '"';
  }
  return s;
}

function children(list, table) {
  let s = '';
  for (let i = 0; i < list.length; i++) s += markup(list[i], table);
  return s;
}

function fallback(node, table) {
  compactNode(node, table);
  return node.toMarkup();
}

// Node kinds by constructor (reading a constructor's name per node cost more than writing its markup).
const kinds = new Map();
const kindOf = (node) => {
  const ctor = node.constructor;
  let kind = kinds.get(ctor);
  if (kind === undefined) kinds.set(ctor, kind = typeof ctor === 'function' ? ctor.name : '');
  return kind;
};

function markup(node, table) {
  const kind = kindOf(node);
  switch (kind) {
    case 'SymbolNode': {
      if (!Array.isArray(node.classes) || typeof node.text !== 'string') return fallback(node, table);
      const attrs = styleAttributes(node, table, true);
      if (attrs === null) return fallback(node, table);
      const text = escape(node.text);
      return attrs === '' ? text : '<span' + attrs + '>' + text + '</span>';
    }
    case 'Span':
    case 'Anchor': {
      if (!Array.isArray(node.classes) || !node.style) return fallback(node, table);
      const style = styleAttributes(node, table, false);
      const attrs = attributes(node.attributes, true);
      if (style === null || attrs === null) return fallback(node, table);
      const tag = kind === 'Span' ? 'span' : 'a';
      return '<' + tag + style + attrs + '>' + children(node.children, table) + '</' + tag + '>';
    }
    case 'MathNode': {
      if (typeof node.type !== 'string' || !Array.isArray(node.classes)) return fallback(node, table);
      let attrs = node.attributes;
      if (node.type === 'math' && attrs && Object.prototype.hasOwnProperty.call(attrs, 'xmlns')) {
        attrs = { ...attrs };
        delete attrs.xmlns;
      }
      let s = '<' + node.type + attributes(attrs, false);
      if (node.classes.length > 0) s += ' class ="' + escape(node.classes.filter((c) => c).join(' ')) + '"'; // KaTeX's spacing
      return s + '>' + children(node.children, table) + '</' + node.type + '>';
    }
    case 'TextNode':
      return typeof node.text === 'string' ? escape(node.text) : fallback(node, table);
    case 'DocumentFragment':
      return children(node.children, table);
    default:
      return fallback(node, table);
  }
}

/** The markup of KaTeX's build tree, compacted (see the file comment): compactTree(tree, table).toMarkup(), in one pass. */
export function compactMarkup(tree, table) {
  return markup(tree, table);
}
