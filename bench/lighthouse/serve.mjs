// A static server for the Lighthouse benchmark: serves one built site on 127.0.0.1 with gzip, like a
// real host (Content-Encoding for text types, long cache for assets). Usage: node serve.mjs SITE PORT
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const [root, port] = [path.resolve(process.argv[2] ?? 'output'), Number(process.argv[3] ?? 8787)];
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2', '.woff': 'font/woff', '.ttf': 'font/ttf', '.xml': 'application/xml', '.txt': 'text/plain',
  '.ico': 'image/x-icon', '.webp': 'image/webp', '.gif': 'image/gif',
};
const compressible = /^(text\/|application\/(json|xml)|image\/svg)/;

http.createServer((req, res) => {
  let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  let file = path.join(root, p);
  if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { file = path.join(root, '404.html'); res.statusCode = 404; }
  const type = types[path.extname(file)] ?? 'application/octet-stream';
  res.setHeader('Content-Type', type);
  if (p.includes('/assets/')) res.setHeader('Cache-Control', 'public, max-age=31536000');
  const body = fs.readFileSync(file);
  if (compressible.test(type) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')) {
    res.setHeader('Content-Encoding', 'gzip');
    res.end(zlib.gzipSync(body, { level: 6 }));
  } else res.end(body);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
