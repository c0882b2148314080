// Helper for TokenizerTests.Agrees_with_javascript_on_every_code_point: one line per code point
// (surrogates, unassigned planes 4–13 and private-use planes 15–16 skipped) with the tokens of the code point alone, between two letters, after and before 中.
import { tokenize } from '../../../theme/search/tokenizer.mjs';
const lines = [];
for (let cp = 0; cp <= 0xe0fff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (cp > 0x3ffff && cp < 0xe0000) continue; // planes 4–13 are unassigned
  const ch = String.fromCodePoint(cp);
  lines.push([ch, 'a' + ch + 'b', '中' + ch, ch + '中'].map((s) => tokenize(s).join(' ')).join('|'));
}
process.stdout.write(lines.join('\n') + '\n');
