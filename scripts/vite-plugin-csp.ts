// Vite plugin giving the built app a strict Content-Security-Policy:
// - build: a <meta http-equiv="Content-Security-Policy"> at the top of index.html's <head>;
// - `vite preview`: the same policy as a response header (what a real server should send, see the
//   README's Deploy section), so the browser tests run under it.
// Not in dev: React Refresh's preamble is an inline script there.
//
// Why each directive:
// - script-src 'self' 'wasm-unsafe-eval': our own module scripts only, no eval, no inline script;
//   'wasm-unsafe-eval' because the engine compiles its SIMD kernels (WebAssembly) from bytes.
// - worker-src 'self': the training, coordinator, run-group and sweep workers are same-origin files.
// - connect-src 'self': fetch only from the app's origin (the MNIST files); no third party at all.
// - img-src 'self' data: blob:: Save PNG draws SVG overlays through data: images, downloads use blob: URLs.
// - style-src 'self': the stylesheet files only. React sets `style` props through CSSOM, which CSP allows.
// - object-src 'none', base-uri 'self', form-action 'self': nothing embeds plugins or rewrites URLs.
// A <meta> cannot carry frame-ancestors (nor report-uri, sandbox): a server that wants to forbid
// framing sends `frame-ancestors 'none'` in the header; CSP_HEADER below includes it.
import type { Plugin } from 'vite';

export const CSP_DIRECTIVES: readonly string[] = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

/** The policy a <meta> can carry. */
export const CSP_META = CSP_DIRECTIVES.join('; ');
/** The policy for a server's Content-Security-Policy header (adds what only a header can say). */
export const CSP_HEADER = [...CSP_DIRECTIVES, "frame-ancestors 'self'"].join('; ');

/**
 * The headers a server should send for a path of dist/ (`vite preview` sends them; README: Deploy).
 * Files under assets/ carry a content hash in their names: cache them for a year, so that a reloaded
 * or offline page finds them (workers started later, such as the sweep's, included). Everything else
 * (index.html, favicon.svg, mnist/) revalidates: the MNIST files have their own ETags.
 */
export function deployHeaders(pathname: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Security-Policy': CSP_HEADER };
  if (/\/assets\/[^/]+$/.test(pathname)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  return headers;
}

export default function contentSecurityPolicy(): Plugin[] {
  return [
    {
      name: 'normscope-csp-meta',
      apply: 'build',
      transformIndexHtml: {
        order: 'post',
        handler: () => [
          { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP_META }, injectTo: 'head-prepend' },
        ],
      },
    },
    {
      name: 'normscope-deploy-headers',
      configurePreviewServer(server) {
        server.middlewares.use((req, res, next) => {
          const headers = deployHeaders((req.url ?? '/').split('?')[0]);
          for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
          next();
        });
      },
    },
  ];
}
