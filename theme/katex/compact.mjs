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
