// Node-only: loads lunr. Prefer the very lunr.min.js a built site serves (so query.mjs runs the
// browser's code), else the one in theme/node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export function loadLunr(siteDir) {
  const candidates = [];
  if (siteDir) candidates.push(path.join(siteDir, 'assets', 'search', 'lunr.min.js'));
  for (const file of candidates) {
    if (fs.existsSync(file)) {
      const src = fs.readFileSync(file, 'utf8');
      const module = { exports: {} };
      // lunr's UMD wrapper: with `exports` an object it sets module.exports = lunr
      new Function('module', 'exports', 'define', src).call({}, module, module.exports, undefined);
      if (module.exports && module.exports.Index) return module.exports;
    }
  }
  const require = createRequire(import.meta.url);
  try {
    return require('lunr');
  } catch {
    return require(path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'node_modules', 'lunr'));
  }
}
