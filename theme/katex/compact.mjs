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

/** Reads compact-styles.json ({ "k0": "height:2.7em", … }) into a Map declaration → class; missing file → empty. */
export function loadTable(file) {
  let obj;
  try { obj = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { return new Map(); }
  const table = new Map();
  if (!obj || typeof obj !== 'object' || Array.isArray(obj)) return table;
  for (const [cls, decl] of Object.entries(obj)) if (isValid(cls, decl)) table.set(decl, cls);
  return table;
}

const hyphenate = (key) => key.replace(/([A-Z])/g, '-$1').toLowerCase();

// The declarations KaTeX would write for this node, in its order: a symbol's italic correction first, then its style.
function declarations(node) {
  const out = [];
  if (typeof node.italic === 'number' && node.italic > 0 && typeof node.text === 'string') out.push(['margin-right', node.italic + 'em']);
  for (const key of Object.keys(node.style)) {
    const value = node.style[key];
    if (value !== undefined && value !== null && value !== '') out.push([hyphenate(key), String(value)]);
  }
  return out;
}

function compactNode(node, table) {
  if (node.style && typeof node.style === 'object' && Array.isArray(node.classes)) {
    const decls = declarations(node);
    if (decls.length > 0) {
      const rest = {};
      const added = [];
      for (const [prop, value] of decls) {
        const cls = table.get(prop + ':' + value);
        if (cls) added.push(cls);
        else rest[prop] = value;
      }
      if (added.length > 0) {
        // New objects, not mutations: KaTeX may share one classes array or style object between nodes.
        // KaTeX hyphenates style keys when it writes them; hyphenated keys pass through unchanged.
        node.classes = node.classes.concat(added);
        node.style = rest;
        if (typeof node.text === 'string') node.italic = 0;
      }
    }
  }
  if (node.type === 'math' && node.attributes && typeof node.attributes === 'object') delete node.attributes.xmlns;
  if (Array.isArray(node.children)) for (const child of node.children) if (child && typeof child === 'object') compactNode(child, table);
}

/** Rewrites KaTeX's build tree in place (see the file comment) and returns it. */
export function compactTree(tree, table) {
  compactNode(tree, table);
  return tree;
}
