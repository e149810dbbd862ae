import { describe, expect, it } from 'vitest';
import { blendOver, parseColor } from './blend';

describe('blendOver: a translucent colour as the opaque colour it shows over the surface', () => {
  it('reads the forms a canvas reports', () => {
    expect(parseColor('#1f77b4')).toEqual([31, 119, 180, 1]);
    expect(parseColor('#fff')).toEqual([255, 255, 255, 1]);
    expect(parseColor('rgb(10, 20, 30)')).toEqual([10, 20, 30, 1]);
    expect(parseColor('rgba(10, 20, 30, 0.5)')).toEqual([10, 20, 30, 0.5]);
    expect(parseColor('rgb(10 20 30 / 0.25)')).toEqual([10, 20, 30, 0.25]);
    expect(parseColor('tomato')).toBeNull();
  });
  it('mixes per channel, c a + s (1 - a), rounded to the nearest level', () => {
    // 0.18 of blue (0, 0, 255) over white: 255 (1 - 0.18) = 209.1 in red and green, 255 in blue
    expect(blendOver('#0000ff', '#ffffff', 0.18)).toBe('#d1d1ff');
    expect(blendOver('#123456', '#ffffff', 1)).toBe('#123456');
    expect(blendOver('#123456', '#000000', 0)).toBe('#000000');
  });
  it('gives up (null) on colours it cannot read or that are translucent themselves', () => {
    expect(blendOver('tomato', '#ffffff', 0.5)).toBeNull();
    expect(blendOver('rgba(0, 0, 0, 0.5)', '#ffffff', 0.5)).toBeNull();
    expect(blendOver('#000000', 'rgba(255, 255, 255, 0.5)', 0.5)).toBeNull();
  });
});
