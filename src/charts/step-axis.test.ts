// The shared step axis: shown steps, linear and log mapping, drag, keyboard zoom and pan.
import { describe, expect, it } from 'vitest';
import { clampWindow, dragWindow, keyToView, logStepTicks, MIN_STEPS, panWindow, shownSteps, stepScale, zoomWindow, FULL_VIEW } from './step-axis';

describe('step axis', () => {
  it('shows all steps until zoomed, the zoom window after', () => {
    expect(shownSteps([0, 3000], FULL_VIEW)).toEqual([0, 3000]);
    expect(shownSteps([0, 3000], { zoom: [100, 400], log: false })).toEqual([100, 400]);
  });

  it('a log axis starts at step 1 (step 0 at its left edge) and maps decades to equal widths', () => {
    const s = stepScale([0, 10000], { zoom: null, log: true }, 0, 400);
    expect(s.log).toBe(true);
    expect(s(0)).toBe(0);
    expect(s(1)).toBe(0);
    expect(s(10)).toBeCloseTo(100, 9);
    expect(s(100)).toBeCloseTo(200, 9);
    expect(s(10000)).toBeCloseTo(400, 9);
    expect(s.invert(300)).toBeCloseTo(1000, 6);
  });

  it('a linear axis is an affine map (what M4 reduction assumes) and inverts', () => {
    const s = stepScale([0, 2000], FULL_VIEW, 50, 450);
    expect(s(0)).toBe(50);
    expect(s(1000)).toBe(250);
    expect(s(2) - s(1)).toBeCloseTo(s(1) - s(0), 12);
    expect(s.invert(250)).toBe(1000);
  });

  it('log ticks: decades, with 2 and 5 between when few decades show, thinned to the count', () => {
    expect(logStepTicks([1, 10000], 6)).toEqual([1, 10, 100, 1000, 10000]);
    expect(logStepTicks([1, 100], 9)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    expect(logStepTicks([1, 1e6], 4).length).toBeLessThanOrEqual(4);
  });

  it('a drag selects whole steps between the pointer positions; a click (< 6 px) selects nothing', () => {
    const s = stepScale([0, 1000], FULL_VIEW, 0, 1000);
    expect(dragWindow(s, 300, 100, 1000)).toEqual([100, 300]);
    expect(dragWindow(s, 100, 104, 1000)).toBeNull();
    // beyond the plot: clamped to its edges
    expect(dragWindow(s, -50, 200, 1000)).toEqual([0, 200]);
  });

  it('windows stay inside [0, last step] and at least MIN_STEPS wide', () => {
    expect(clampWindow(-10, 20, 100)).toEqual([0, 30]);
    expect(clampWindow(90, 120, 100)).toEqual([70, 100]);
    const w = clampWindow(50, 51, 100);
    expect(w[1] - w[0]).toBe(MIN_STEPS);
  });

  it('zooms about the centre; zooming out past everything shows all steps again', () => {
    expect(zoomWindow([0, 1000], 0.5, 1000)).toEqual([250, 750]);
    expect(zoomWindow([250, 750], 2, 1000)).toBeNull();
    const z = zoomWindow([1, 10000], 0.5, 10000, true)!;
    expect(z[0]).toBeGreaterThanOrEqual(9);
    expect(z[1]).toBeLessThanOrEqual(1001);
  });

  it('pans by a share of the window, stopping at the ends', () => {
    expect(panWindow([100, 200], 0.25, 1000)).toEqual([125, 225]);
    expect(panWindow([0, 100], -0.25, 1000)).toEqual([0, 100]);
    expect(panWindow([900, 1000], 0.5, 1000)).toEqual([900, 1000]);
  });

  it('keys: + and - zoom, arrows pan only when zoomed, 0 and Escape show all, others are not handled', () => {
    const full: [number, number] = [0, 1000];
    const zin = keyToView('+', FULL_VIEW, full)!;
    expect(zin.zoom).toEqual([250, 750]);
    expect(keyToView('ArrowRight', zin, full)!.zoom).toEqual([375, 875]);
    expect(keyToView('ArrowRight', FULL_VIEW, full)).toEqual(FULL_VIEW);
    expect(keyToView('0', zin, full)!.zoom).toBeNull();
    expect(keyToView('Escape', zin, full)!.zoom).toBeNull();
    expect(keyToView('-', zin, full)!.zoom).toBeNull();
    expect(keyToView('a', zin, full)).toBeNull();
  });
});
