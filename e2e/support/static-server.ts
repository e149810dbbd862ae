// A plain static file server for dist/, the way a deployment serves it: under any URL prefix (e.g.
// /some/deep/path/), with the headers the README's Deploy section asks for (scripts/vite-plugin-csp.ts)
// and the MNIST .gz files as application/gzip with no Content-Encoding (as the build plugin's preview
// does). Nothing of Vite: this is what proves dist/ works copied anywhere.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { deployHeaders } from '../../scripts/vite-plugin-csp';
import { freePort, HOST, PROJECT_ROOT, type RunningServer } from './server';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.gz': 'application/gzip',
  '.wasm': 'application/wasm',
};

/** Serves `dir` (default dist/) at `prefix` (with slashes at both ends); every other URL is a 404. */
export async function startStaticServer(prefix: string, dir: string = join(PROJECT_ROOT, 'dist')): Promise<RunningServer & { requests: string[] }> {
  if (!existsSync(join(dir, 'index.html'))) throw new Error(`No build in ${dir}: run \`npx vite build --mode test\` first.`);
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0]);
    requests.push(pathname);
    if (!pathname.startsWith(prefix)) { res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`outside ${prefix}\n`); return; }
    const rel = pathname.slice(prefix.length) || 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`no ${rel}\n`);
      return;
    }
    res.writeHead(200, {
      ...deployHeaders(`/${rel}`),
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(statSync(file).size),
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => { server.once('error', reject); server.listen(port, HOST, resolve); });
  return {
    url: `http://${HOST}:${port}${prefix}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
