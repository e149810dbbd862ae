import { describe, expect, it } from 'vitest';
import { CSP_HEADER, CSP_META, deployHeaders } from './vite-plugin-csp';

const directives = (policy: string) => new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('the Content-Security-Policy', () => {
  it('allows our own scripts and WebAssembly only: no eval, no inline script or style, no other origin', () => {
    for (const policy of [CSP_META, CSP_HEADER]) {
      const d = directives(policy);
      expect(d.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(d.get('default-src')).toEqual(["'self'"]);
      expect(d.get('style-src')).toEqual(["'self'"]);
      expect(d.get('connect-src')).toEqual(["'self'"]);
      expect(d.get('object-src')).toEqual(["'none'"]);
      expect(policy).not.toMatch(/'unsafe-eval'|unsafe-inline|\*|https?:/);
    }
  });

  it('keeps frame-ancestors out of the <meta> (browsers ignore it there) and in the header', () => {
    expect(directives(CSP_META).has('frame-ancestors')).toBe(false);
    expect(directives(CSP_HEADER).get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('caches hashed assets for a year and lets everything else revalidate', () => {
    expect(deployHeaders('/assets/index-aFtB2fg-.js')['Cache-Control']).toBe('public, max-age=31536000, immutable');
    expect(deployHeaders('/some/path/assets/sweep.worker-1.js')['Cache-Control']).toMatch(/immutable/);
    for (const p of ['/', '/index.html', '/mnist/manifest.json', '/mnist/train-images-idx3-ubyte.gz', '/favicon.svg']) {
      expect(deployHeaders(p)['Cache-Control'], p).toBeUndefined();
      expect(deployHeaders(p)['Content-Security-Policy']).toBe(CSP_HEADER);
    }
  });
});
