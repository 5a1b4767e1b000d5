// @ts-check
// Static server for the built dist/: SPA fallback, optional compression, optional
// base path, optional extra headers (CSP), and a reverse proxy for /api/* to the
// local receiver. Used by the prerender build step, the end-to-end tests (through
// tests/e2e/support/server.mjs) and the benchmark.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

/** @type {Record<string, string>} */
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
};

/**
 * Start a server. Options:
 *  root: folder to serve (dist/)
 *  port: 0 for any free port
 *  base: path prefix the app is served under ('/' or '/mentoring/apply/')
 *  compress: 'br' | 'gzip' | false
 *  headers: extra headers for every response (e.g. Content-Security-Policy)
 *  apiTarget: 'http://127.0.0.1:PORT' to proxy /api/* to, or null; may also be a
 *             function returning that string (read on every request, so a test can
 *             restart the receiver elsewhere without restarting this server)
 *  routes: { '/path': (req, res) => void } extra handlers (host pages in tests)
 * Returns { url, port, close, requests } where requests logs every path asked for.
 * @param {{
 *   root: string, port?: number, base?: string, compress?: 'br' | 'gzip' | false,
 *   headers?: Record<string, string>, apiTarget?: string | null | (() => string | null),
 *   routes?: Record<string, (req: http.IncomingMessage, res: http.ServerResponse) => void>,
 * }} options
 */
export async function startServer({ root, port = 0, base = '/', compress = false, headers = {}, apiTarget = null, routes = {} }) {
  /** @type {{ method: string | undefined, path: string }[]} */
  const requests = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url || '/', 'http://x');
    requests.push({ method: req.method, path: url.pathname });
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (routes[url.pathname]) return routes[url.pathname](req, res);
    const target = typeof apiTarget === 'function' ? apiTarget() : apiTarget;
    if (target && (url.pathname.startsWith('/api/') || url.pathname.startsWith(base + 'api/'))) {
      return proxy(req, res, target, url.pathname.slice(url.pathname.indexOf('/api/')) + url.search);
    }
    if (!url.pathname.startsWith(base)) { res.statusCode = 404; return res.end('not found'); }
    const rel = decodeURIComponent(url.pathname.slice(base.length));
    let file = path.join(root, rel);
    if (!file.startsWith(path.resolve(root))) { res.statusCode = 403; return res.end(); }
    let isFile = false;
    let isDir = false;
    try { const st = fs.statSync(file); isFile = st.isFile(); isDir = st.isDirectory(); } catch { isFile = false; }
    // A folder with an index.html (dist/preview/) is served the way static hosts do:
    // /preview redirects to /preview/, which serves preview/index.html.
    if (isDir && fs.existsSync(path.join(file, 'index.html'))) {
      if (!url.pathname.endsWith('/')) {
        res.statusCode = 301;
        res.setHeader('Location', url.pathname + '/' + url.search);
        return res.end();
      }
      file = path.join(file, 'index.html');
      isFile = true;
    }
    // SPA fallback: any path without a file extension gets index.html.
    if (!isFile) {
      if (path.extname(rel)) { res.statusCode = 404; return res.end('not found'); }
      file = path.join(root, 'index.html');
    }
    const ext = path.extname(file);
    res.setHeader('Content-Type', TYPES[ext] || 'application/octet-stream');
    res.setHeader('Cache-Control', ext === '.html' || ext === '.json' ? 'no-cache' : 'public, max-age=31536000, immutable');
    let body = fs.readFileSync(file);
    const accept = req.headers['accept-encoding'] || '';
    if (compress === 'br' && accept.includes('br')) {
      body = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } });
      res.setHeader('Content-Encoding', 'br');
    } else if (compress && accept.includes('gzip')) {
      body = zlib.gzipSync(body, { level: 9 });
      res.setHeader('Content-Encoding', 'gzip');
    }
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', () => r(undefined)));
  const address = server.address();
  const actual = address && typeof address === 'object' ? address.port : port;
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    origin: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r(undefined)); }),
  };
}

/**
 * @param {http.IncomingMessage} req @param {http.ServerResponse} res
 * @param {string} target @param {string} pathAndQuery
 */
function proxy(req, res, target, pathAndQuery) {
  const t = new URL(target);
  const upstream = http.request(
    { host: t.hostname, port: t.port, method: req.method, path: pathAndQuery, headers: { ...req.headers, host: t.host } },
    (up) => { res.writeHead(up.statusCode || 502, up.headers); up.pipe(res); },
  );
  upstream.on('error', () => { if (!res.headersSent) { res.statusCode = 502; } res.end(); });
  req.pipe(upstream);
}
