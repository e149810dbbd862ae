// The faults the browser tests trigger to check that the page survives its worker: an exception thrown
// in the worker's global scope (what a bug in an event handler does), or the worker ending itself (what
// the browser does to a worker out of memory). It only harms the worker that calls it, which any page
// script can already do by terminating it; nothing crosses into the page.
export type TestFault = 'throw' | 'close';

export function crashForTest(kind: TestFault): void {
  if (kind === 'throw') {
    setTimeout(() => { throw new Error('fault triggered for a test: the worker threw'); });
  } else if (kind === 'close') {
    // A dedicated worker's self.close(): no more messages in or out, and no event tells the page.
    const close = (globalThis as { close?: () => void }).close;
    if (typeof close === 'function' && typeof (globalThis as { importScripts?: unknown }).importScripts === 'function') close();
  } else {
    throw new Error(`unknown test fault ${String(kind)}: throw or close`);
  }
}
