// Noise-free point samplers of the 2-D toy sets. Each draws one point of class `label` with `rng`
// and writes it to out[0], out[1]. Every shape lies inside the square [-1, 1]^2; make2d adds the noise.

import type { Rng } from '../engine/rng.ts';

export type PointSampler = (rng: Rng, label: number, classes: number, out: Float64Array) => void;

/** Turns each spiral arm makes from the centre to radius 1. */
export const SPIRAL_TURNS = 1.5;
/** Circles: class 0 fills the disc r <= 0.5, class 1 the ring 0.7 <= r <= 1. */
export const DISC_RADIUS = 0.5;
export const RING_INNER = 0.7;
/** Gaussian blobs: the centres sit evenly on this circle. */
export const BLOB_CENTRE_RADIUS = 0.6;

/** Arm `label` of `classes`: r = t, theta = 2 pi (label / classes + SPIRAL_TURNS t), t ~ U(0, 1). */
export const spiralPoint: PointSampler = (rng, label, classes, out) => {
  const t = rng.uniform();
  const theta = 2 * Math.PI * (label / classes + SPIRAL_TURNS * t);
  out[0] = t * Math.cos(theta);
  out[1] = t * Math.sin(theta);
};

/** Uniform by area: r = sqrt(r0^2 + u (r1^2 - r0^2)), theta ~ U(0, 2 pi). */
export const circlesPoint: PointSampler = (rng, label, _classes, out) => {
  const [r0, r1] = label === 0 ? [0, DISC_RADIUS] : [RING_INNER, 1];
  const r = Math.sqrt(r0 * r0 + rng.uniform() * (r1 * r1 - r0 * r0));
  const theta = 2 * Math.PI * rng.uniform();
  out[0] = r * Math.cos(theta);
  out[1] = r * Math.sin(theta);
};

/** Uniform in the unit square's quadrants: class 0 where x and y share a sign, class 1 where they differ. */
export const xorPoint: PointSampler = (rng, label, _classes, out) => {
  const sx = rng.uniform() < 0.5 ? -1 : 1;
  const sy = label === 0 ? sx : -sx;
  out[0] = sx * rng.uniform();
  out[1] = sy * rng.uniform();
};

/** The centre of blob `label`: angle 2 pi label / classes on the circle of radius BLOB_CENTRE_RADIUS. */
export const gaussPoint: PointSampler = (_rng, label, classes, out) => {
  const theta = (2 * Math.PI * label) / classes;
  out[0] = BLOB_CENTRE_RADIUS * Math.cos(theta);
  out[1] = BLOB_CENTRE_RADIUS * Math.sin(theta);
};
