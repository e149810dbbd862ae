import { describe, expect, it } from 'vitest';
import { mnistFolderUrl } from './mnist-url';

describe('mnistFolderUrl', () => {
  it('uses an absolute base on the worker origin (dev server)', () => {
    expect(mnistFolderUrl('/', 'http://localhost:5173/workers/trainer.worker.ts?worker_file&type=module'))
      .toBe('http://localhost:5173/mnist/');
    expect(mnistFolderUrl('/app', 'https://example.org/app/assets/trainer.worker-abc.js')).toBe('https://example.org/app/mnist/');
  });

  it('with a relative base, finds the app folder from the built worker in assets/ (any sub-path)', () => {
    expect(mnistFolderUrl('./', 'https://example.org/some/deep/path/assets/trainer.worker-abc.js'))
      .toBe('https://example.org/some/deep/path/mnist/');
    expect(mnistFolderUrl('./', 'http://127.0.0.1:4173/assets/sweep.worker-1.js')).toBe('http://127.0.0.1:4173/mnist/');
    expect(mnistFolderUrl('', 'http://h/x/assets/w.js')).toBe('http://h/x/mnist/');
  });

  it('keeps a full URL base as it is', () => {
    expect(mnistFolderUrl('https://cdn.example.org/ns/', 'https://example.org/assets/w.js')).toBe('https://cdn.example.org/ns/mnist/');
  });
});
