// The layer-list network (a small convolutional network): its spec, and the validation that works out
// every layer's shapes and refuses, with a clear message, whatever the engine cannot honour.
//   conv     Conv2d(in, out, kernel, stride, padding), then norm and activation (placement pre|post)
//   maxpool  MaxPool2d(size): windows size x size, stride size, no padding
//   flatten  (C, H, W) row-major to C*H*W features, as PyTorch's Flatten (a no-op on the layout)
//   linear   Linear(in, out), then norm and activation; the last layer: norm none, activation linear
// Norms: none, batch (BatchNorm2d after a conv, BatchNorm1d after a linear layer) or group
// (GroupNorm(groups, out): per sample over each group's channels and every position).
import { convGeometry, type ConvGeometry } from './conv2d';
import { defaultGroups, divisors } from './groupnorm';
import { validateEps, validateMomentum } from './spec';
import { EngineError, type Activation, type NormPlacement } from './types';

/** An activation of the layer-list network; `linear` is the identity (the logits' layer). */
export type NetActivation = Activation | 'linear';
export type NetNorm = 'none' | 'batch' | 'group';

export interface ConvLayerSpec {
  type: 'conv';
  /** output channels */
  out: number;
  kernel: number;
  /** default 1 */
  stride?: number;
  /** zero padding on every side, default 0 */
  padding?: number;
  norm: NetNorm;
  /** group norm: the number of groups (must divide out); default defaultConvGroups(out) */
  groups?: number;
  activation: NetActivation;
  /** default pre */
  placement?: NormPlacement;
}

export interface MaxPoolLayerSpec {
  type: 'maxpool';
  size: number;
}

export interface FlattenLayerSpec {
  type: 'flatten';
}

export interface LinearLayerSpec {
  type: 'linear';
  out: number;
  norm: NetNorm;
  /** group norm: the number of groups (must divide out); default defaultGroups(out) */
  groups?: number;
  activation: NetActivation;
  placement?: NormPlacement;
}

export type NetLayerSpec = ConvLayerSpec | MaxPoolLayerSpec | FlattenLayerSpec | LinearLayerSpec;

export interface ConvNetSpec {
  /** [channels, height, width] of one input sample, stored (C, H, W) row-major */
  inputShape: [number, number, number];
  layers: NetLayerSpec[];
  /** added to the variance in batch and group norm */
  eps: number;
  /** running-statistics momentum of batch norm (PyTorch convention: weight of the new batch) */
  momentum: number;
}

/** A feature shape: channels (or features, after flatten) by height by width. */
export type Shape3 = [number, number, number];

/** A layer of the spec with everything worked out. */
export type PlannedLayer =
  | { type: 'conv'; spec: ConvLayerSpec; inShape: Shape3; outShape: Shape3; geometry: ConvGeometry; groups: number; placement: NormPlacement }
  | { type: 'linear'; spec: LinearLayerSpec; inShape: Shape3; outShape: Shape3; groups: number; placement: NormPlacement }
  | { type: 'maxpool'; spec: MaxPoolLayerSpec; inShape: Shape3; outShape: Shape3 }
  | { type: 'flatten'; spec: FlattenLayerSpec; inShape: Shape3; outShape: Shape3 };

const ACTIVATIONS: readonly NetActivation[] = ['sigmoid', 'tanh', 'relu', 'linear'];
const NORMS: readonly NetNorm[] = ['none', 'batch', 'group'];

/**
 * Groups of a group-norm conv layer that does not say: the largest divisor of the channels that is at
 * most the Group Normalization paper's 32 and leaves at least 2 channels per group (8 -> 4, 16 -> 8,
 * 64 -> 32; 1, layer norm over the feature maps, when none does). A group of channels holds every
 * position of each, so small groups still have many values.
 */
export function defaultConvGroups(channels: number): number {
  for (let g = Math.min(32, Math.floor(channels / 2)); g > 1; g--) if (channels % g === 0) return g;
  return 1;
}

function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Validates the spec and works out every layer's shapes; throws EngineError with what is wrong. */
export function planConvNet(spec: ConvNetSpec): PlannedLayer[] {
  const bad = (what: string): never => { throw new EngineError(`model: ${what}`); };
  if (spec === null || typeof spec !== 'object') bad('missing');
  const s = spec.inputShape;
  if (!Array.isArray(s) || s.length !== 3 || !s.every(positiveInt)) {
    bad(`inputShape must be [channels, height, width] of integers >= 1, got ${JSON.stringify(s)}`);
  }
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) bad('layers must be a non-empty list');
  validateEps(spec.eps);
  validateMomentum(spec.momentum);
  let shape: Shape3 = [s[0], s[1], s[2]];
  let flat = false;
  const planned: PlannedLayer[] = [];
  spec.layers.forEach((l, i) => {
    const where = `layer ${i + 1}`;
    if (l === null || typeof l !== 'object') bad(`${where} is not an object`);
    const [C, H, W] = shape;
    const shapeText = `${C}x${H}x${W}`;
    if (l.type === 'conv' || l.type === 'linear') {
      if (!positiveInt(l.out)) bad(`${where} (${l.type}): out must be an integer >= 1, got ${String(l.out)}`);
      if (!NORMS.includes(l.norm)) bad(`${where} (${l.type}): norm must be one of ${NORMS.join(', ')}, got ${JSON.stringify(l.norm)}`);
      if (!ACTIVATIONS.includes(l.activation)) bad(`${where} (${l.type}): activation must be one of ${ACTIVATIONS.join(', ')}, got ${JSON.stringify(l.activation)}`);
      const placement = l.placement ?? 'pre';
      if (placement !== 'pre' && placement !== 'post') bad(`${where} (${l.type}): placement must be "pre" or "post", got ${JSON.stringify(l.placement)}`);
      let groups = 1;
      if (l.groups !== undefined && l.norm !== 'group') bad(`${where} (${l.type}): groups is only used by group norm, but the layer's norm is ${JSON.stringify(l.norm)}`);
      if (l.norm === 'group') {
        groups = l.groups ?? (l.type === 'conv' ? defaultConvGroups(l.out) : defaultGroups(l.out));
        if (!positiveInt(groups) || l.out % groups !== 0) {
          bad(`${where} (${l.type}): groups must divide the ${l.out} channels, got ${JSON.stringify(l.groups)}; use one of ${divisors(l.out).join(', ')}`);
        }
      }
      if (l.type === 'conv') {
        if (flat) bad(`${where} (conv): its input is already flattened (${C} features); a conv layer needs feature maps`);
        const stride = l.stride ?? 1;
        const padding = l.padding ?? 0;
        if (!positiveInt(l.kernel)) bad(`${where} (conv): kernel must be an integer >= 1, got ${String(l.kernel)}`);
        if (!positiveInt(stride)) bad(`${where} (conv): stride must be an integer >= 1, got ${String(l.stride)}`);
        if (!(Number.isInteger(padding) && padding >= 0)) bad(`${where} (conv): padding must be an integer >= 0, got ${String(l.padding)}`);
        const geometry = convGeometry(C, H, W, l.out, l.kernel, stride, padding);
        if (geometry.OH < 1 || geometry.OW < 1) {
          bad(`${where} (conv): the ${l.kernel}x${l.kernel} kernel does not fit the ${H}x${W} feature map with padding ${padding}`);
        }
        const outShape: Shape3 = [l.out, geometry.OH, geometry.OW];
        planned.push({ type: 'conv', spec: l, inShape: shape, outShape, geometry, groups, placement });
        shape = outShape;
      } else {
        if (!flat) bad(`${where} (linear): its input is a ${shapeText} feature map; put a flatten layer before it`);
        if (i === spec.layers.length - 1 && (l.norm !== 'none' || l.activation !== 'linear')) {
          bad(`${where}: the last layer gives the logits: it must be linear with norm "none" and activation "linear"`);
        }
        const outShape: Shape3 = [l.out, 1, 1];
        planned.push({ type: 'linear', spec: l, inShape: shape, outShape, groups, placement });
        shape = outShape;
      }
    } else if (l.type === 'maxpool') {
      if (flat) bad(`${where} (maxpool): its input is already flattened`);
      if (!positiveInt(l.size)) bad(`${where} (maxpool): size must be an integer >= 1, got ${String(l.size)}`);
      if (H < l.size || W < l.size) bad(`${where} (maxpool): the ${H}x${W} feature map is smaller than the ${l.size}x${l.size} pooling window`);
      const outShape: Shape3 = [C, Math.floor(H / l.size), Math.floor(W / l.size)];
      planned.push({ type: 'maxpool', spec: l, inShape: shape, outShape });
      shape = outShape;
    } else if (l.type === 'flatten') {
      if (flat) bad(`${where} (flatten): its input is already flattened`);
      const outShape: Shape3 = [C * H * W, 1, 1];
      planned.push({ type: 'flatten', spec: l, inShape: shape, outShape });
      shape = outShape;
      flat = true;
    } else {
      bad(`${where}: type must be conv, maxpool, flatten or linear, got ${JSON.stringify((l as { type?: unknown }).type)}`);
    }
  });
  const last = planned[planned.length - 1];
  if (last.type !== 'linear') bad('the last layer must be linear (norm "none", activation "linear"): it gives the logits');
  return planned;
}
