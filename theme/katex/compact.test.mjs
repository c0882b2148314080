// node --test theme/katex/compact.test.mjs — compactMarkup writes exactly compactTree(tree).toMarkup() (run by
// tests/Site.Tests NodeTests).
import test from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import katex from 'katex';
import { loadTable, compactTree, compactMarkup } from './compact.mjs';

const TABLE = loadTable(fileURLToPath(new URL('./compact-styles.json', import.meta.url)));
const OPTIONS = { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore', trust: false };

// Every kind of node KaTeX builds: symbols with italic corrections and CJK fallbacks, spans, vlists, SVG (roots,
// stretchy arrows, cancel lines), MathML spaces and classes, anchors, images, HTML attributes, colours, errors.
const FORMULAS = [
  'x', 'f', 'x^2 + y_i^{2k} = z_{i,j}^{n+1}', '\\frac{a+b}{c-d} \\tfrac12 \\dfrac{x}{y} \\cfrac{1}{1+\\cfrac{1}{x}}',
  '\\sum_{i=1}^{n} \\alpha_i x^i \\prod_k \\int_0^1 f(t)\\,dt \\oint_C \\iint',
  '\\mathcal{F}\\,\\mathbb{R}^n \\mathbf{W} \\boldsymbol{\\theta} \\mathrm{softmax}(QK^\\top/\\sqrt{d_k}) \\mathit{ff} \\mathsf{s} \\mathtt{t}',
  '\\hat{y} \\widehat{xyz} \\vec{v} \\overline{AB} \\underline{cd} \\tilde{x} \\widetilde{W} \\dot{x} \\ddot{x} \\bar{x}',
  '\\sqrt{x} \\sqrt[3]{x+1} \\sqrt{\\frac{1}{2}} \\sqrt{\\dfrac{\\frac{a}{b}}{c}}',
  '\\left( \\frac{a}{b} \\right) \\bigl[ x \\bigr] \\Bigl\\{ y \\Bigr\\} \\biggl| z \\biggr| \\Biggl\\langle w \\Biggr\\rangle \\left\\lVert x \\right\\rVert',
  '\\binom{n}{k} \\operatorname{argmax}_\\theta \\log p_\\theta(x) \\lim_{n\\to\\infty} a_n \\max\\limits_{x} \\sup_x',
  '\\color{red}{x} \\textcolor{#0a0}{y} \\colorbox{yellow}{$z$} \\fcolorbox{red}{white}{w} \\boxed{E=mc^2} \\fbox{box}',
  '\\cancel{x} \\bcancel{y} \\xcancel{z} \\sout{abc} \\not= \\neq \\phase{-78^\\circ}',
  'a \\xrightarrow{f} b \\xleftarrow[g]{h} c \\xRightarrow[\\text{下}]{\\text{上}} \\overset{!}{=} \\underset{x}{\\min} \\stackrel{def}{=}',
  '\\overbrace{a+b+c}^{3} \\underbrace{x+y}_{2} \\overrightarrow{AB} \\overleftarrow{CD} \\overleftrightarrow{EF} \\underrightarrow{x}',
  '\\phantom{x} \\hphantom{yy} \\vphantom{\\frac{1}{2}} a\\kern1em b \\hspace{2em} c \\mkern18mu d \\quad e \\qquad f \\; g \\, h \\! i \\: j \\enspace k',
  '\\rule{1em}{0.5em} \\raisebox{0.5em}{up} \\text{中文 text} 和 \\text{梯度}\\nabla_\\theta 한국어 ф ä î ï í ì',
  '{}^{14}_{6}\\mathrm{C} x\'\' f^{(n)}(x) e^{-\\frac{x^2}{2\\sigma^2}} a < b > c & \\& \\% \\$ \\#',
  '\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix} \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix} \\begin{vmatrix} x \\\\ z \\end{vmatrix}',
  'f(x) = \\begin{cases} x^2 & x \\ge 0 \\\\ -x & \\text{otherwise} \\end{cases}',
  '\\begin{aligned} L &= -\\sum_t \\log p(y_t) \\\\ &\\approx \\frac{1}{N}\\sum_n \\ell_n \\tag{2} \\end{aligned}',
  '\\begin{array}{c|cc} \\hline x & 1 & 2 \\\\ \\hline y & 3 & 4 \\\\ \\hdashline \\end{array} \\begin{smallmatrix} a & b \\end{smallmatrix}',
  '\\mathrm{Attention}(Q,K,V) = \\mathrm{softmax}\\left(\\frac{QK^{\\top}}{\\sqrt{d_k}}\\right)V \\tag{1}',
  '\\sum_{\\substack{0 \\le i \\le m \\\\ 0 < j < n}} P(i,j) \\Huge{H} \\tiny{t} \\large L \\scriptstyle{s} \\displaystyle\\sum_i',
  '\\begin{gathered} a = b \\\\ c = d \\end{gathered} \\begin{alignedat}{2} x &= 1 &\\quad y &= 2 \\end{alignedat} \\begin{CD} A @>f>> B \\end{CD}',
  '\\href{https://example.com/?a=1&b="2"}{link} \\url{https://example.com/x<y} \\htmlClass{foo}{x} \\htmlStyle{color: red;}{y}',
  '\\htmlId{some-id}{z} \\htmlData{foo=a, bar=b<c}{w} \\includegraphics[height=0.8em, alt=pic]{https://example.com/a.png}',
  '\\verb|a<b & "c"| \\text{\'quoted\' "double" <tag>} \\textbf{bold \\textit{it}} \\emph{em}',
  '\\ce', '\\frac{1}{', 'x^^2', '\\mathbb{中}',
];

/** KaTeX's output, with and without trust (anchors, images and HTML attributes only appear with it). */
function both(tex, display, trust) {
  const opts = { ...OPTIONS, displayMode: display, trust };
  let expected, actual;
  try { expected = compactTree(katex.__renderToDomTree(tex, opts), TABLE).toMarkup(); } catch (e) { expected = 'throws ' + e.message; }
  try { actual = compactMarkup(katex.__renderToDomTree(tex, opts), TABLE); } catch (e) { actual = 'throws ' + e.message; }
  return [actual, expected];
}

for (const tex of FORMULAS) {
  for (const display of [false, true]) {
    for (const trust of [false, true]) {
      test(`compactMarkup = compactTree().toMarkup(): ${tex} (${display ? 'display' : 'inline'}${trust ? ', trusted' : ''})`, () => {
        const [actual, expected] = both(tex, display, trust);
        assert.equal(actual, expected);
      });
    }
  }
}

test('the tree is not changed: the same tree written twice gives the same markup', () => {
  const tree = katex.__renderToDomTree('\\frac{a}{b} \\sqrt{x} f^2', OPTIONS);
  const first = compactMarkup(tree, TABLE);
  assert.equal(compactMarkup(tree, TABLE), first);
  assert.equal(compactTree(tree, TABLE).toMarkup(), first);
});

test('hand-built nodes: empty class names, empty and repeated style values, italic corrections, odd attributes', () => {
  const { Span, SymbolNode, Anchor } = katex.__domTree;
  const build = () => {
    const sym = (text, italic, classes, style) => new SymbolNode(text, 0, 0, italic, 0, 0, classes, style);
    return new Span(['', 'mord', ''], [
      sym('a', 0.05, ['mathnormal'], {}),                              // italic correction in the table or not
      sym('b', 0.0417, [], { marginRight: '0.1em' }),                  // italic and a margin-right style: one property twice
      sym('<', 0, [], {}),                                             // bare escaped text
      sym('c', 0, [''], {}),                                           // only an empty class: still a span
      new Span([], [], null, { height: '2.7em', top: '', width: undefined }),  // compacted, empties dropped
      new Span([], [], null, { top: '', width: 'calc(1em + "x")' }),   // nothing compacted: written as KaTeX does
      new Span([''], [], null, {}),
      new Anchor('https://example.com/?q="x"&y=<1>', ['x'], [sym('z', 0, [], { color: 'red' })], null),
    ], null, { height: '2.7em', marginLeft: '-0.0813em' });
  };
  const span = build();
  span.setAttribute('data-x', 'a"b');
  const expected = build();
  expected.setAttribute('data-x', 'a"b');
  assert.equal(compactMarkup(span, TABLE), compactTree(expected, TABLE).toMarkup());

  const bad = build();
  bad.setAttribute('on x', '1');                                       // KaTeX refuses the name: so does compactMarkup
  assert.throws(() => compactMarkup(bad, TABLE), /Invalid attribute name/);
});
