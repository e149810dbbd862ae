import { describe, expect, it } from 'vitest';
import { failedModuleUrl } from './lazy-views';

describe('failedModuleUrl', () => {
  it('finds the module a failed dynamic import names, without a query, in Chromium and Firefox wording', () => {
    expect(failedModuleUrl(new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1:4173/assets/bn-step-DdcvMtkY.js')))
      .toBe('http://127.0.0.1:4173/assets/bn-step-DdcvMtkY.js');
    expect(failedModuleUrl(new TypeError('error loading dynamically imported module: https://example.org/lab/assets/fold-panel-x1.js?retry=2')))
      .toBe('https://example.org/lab/assets/fold-panel-x1.js');
  });

  it('is null when the message names no URL (Safari): the retry then imports as the bundler does', () => {
    expect(failedModuleUrl(new TypeError('Importing a module script failed.'))).toBeNull();
    expect(failedModuleUrl('boom')).toBeNull();
  });
});
