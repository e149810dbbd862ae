// The convolutional network of `arch cnn` (issue 17): from the settings to the engine's layer-list
// spec, and what the CNN cannot train, said in words.
//   conv 3x3 1->8 pad 1 - norm - act - max pool 2 - conv 3x3 8->16 pad 1 - norm - act - max pool 2 -
//   flatten - linear 784->10
// The run's norm (none, batch or group, and its placement) applies to both conv layers; the linear
// layer gives the logits. `hidden` is not used; `act`, `init`, `groups`, `eps`, `momentum` are.
import type { ConvNetSpec, NetNorm } from '../engine/convnet-spec';
import { defaultConvGroups } from '../engine/convnet-spec';
import type { RunKind } from './run-kinds';
import type { TrainSettings } from './settings';

/** Channels of the two conv layers. */
export const CNN_CHANNELS = [8, 16] as const;
/** MNIST's shape, the only data the CNN takes. */
export const CNN_INPUT: [number, number, number] = [1, 28, 28];
/** The run kinds whose norm the CNN offers (batch norm, group norm, none; both placements). */
export const CNN_RUN_KINDS: readonly RunKind[] = ['plain', 'batch', 'group', 'batch-pre', 'batch-post'];

/** The engine spec of the CNN for settings `s` (the run's norm and placement already in them). */
export function cnnSpecOf(s: TrainSettings): ConvNetSpec {
  const norm: NetNorm = s.norm === 'batch' || s.norm === 'group' ? s.norm : 'none';
  const conv = (out: number) => ({
    type: 'conv' as const, out, kernel: 3, stride: 1, padding: 1, norm, activation: s.act, placement: s.placement,
    ...(norm === 'group' && s.groups > 0 ? { groups: s.groups } : {}),
  });
  return {
    inputShape: [...CNN_INPUT],
    layers: [
      conv(CNN_CHANNELS[0]), { type: 'maxpool', size: 2 },
      conv(CNN_CHANNELS[1]), { type: 'maxpool', size: 2 },
      { type: 'flatten' },
      { type: 'linear', out: 10, norm: 'none', activation: 'linear' },
    ],
    eps: s.eps,
    momentum: s.momentum,
  };
}

/** Values one sample leaves in the CNN's activations: input, each layer's N x C x H x W output, logits. */
export const CNN_ACTIVATIONS_PER_SAMPLE = 784 + 8 * 28 * 28 + 8 * 14 * 14 + 16 * 14 * 14 + 16 * 7 * 7 + 10;

/** Trainable parameters of the CNN (norm scale and shift included when `norm`). */
export function cnnParameterCount(norm: boolean): number {
  const [a, b] = CNN_CHANNELS;
  return (a * 9 + a) + (b * a * 9 + b) + (b * 7 * 7 * 10 + 10) + (norm ? 2 * (a + b) : 0);
}

/** The groups each conv layer's group norm uses under `groups` (0 = the layer's default). */
export function cnnGroups(groups: number): number[] {
  return CNN_CHANNELS.map((c) => (groups > 0 ? groups : defaultConvGroups(c)));
}

/**
 * What is wrong with training the CNN with settings `s` (the run's norm in them) on `dataset`, naming
 * the setting, or null.
 */
export function cnnRefusal(s: TrainSettings): { setting: keyof TrainSettings; message: string } | null {
  if (s.dataset !== 'mnist') {
    return { setting: 'arch', message: `arch cnn needs images: it trains on MNIST only, not on ${s.dataset}; accepted: --dataset mnist, or --arch mlp` };
  }
  if (s.norm === 'layer' || s.norm === 'renorm') {
    const name = s.norm === 'layer' ? 'layer norm' : 'batch renorm';
    return {
      setting: 'norm',
      message: `${name} is not offered for arch cnn (its conv layers take batch norm, group norm or none); accepted runs: ${CNN_RUN_KINDS.join(', ')}, or --arch mlp for ${name}`,
    };
  }
  if (s.norm === 'group' && s.groups > 0 && CNN_CHANNELS.some((c) => c % s.groups !== 0)) {
    return { setting: 'groups', message: `groups ${s.groups} must divide both conv layers' ${CNN_CHANNELS.join(' and ')} channels; accepted: 0 (each layer's default), 1, 2, 4 or 8` };
  }
  return null;
}

/**
 * The loss-landscape measurement (landscape/measure.ts) probes the fully connected network only. The
 * CLI refuses --landscape-every with arch cnn (this message); the page keeps the setting but measures
 * nothing for the CNN, and its landscape view says so.
 */
export const CNN_LANDSCAPE_MESSAGE = 'the loss landscape is measured for the fully connected network only; accepted with --arch cnn: --landscape-every 0 (or --arch mlp)';
