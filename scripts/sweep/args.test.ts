import { describe, expect, it } from 'vitest';
import { parseSweepArgs, UsageError } from './args';

const refuse = (argv: string[], pattern: RegExp) => {
  expect(() => parseSweepArgs(argv)).toThrow(UsageError);
  expect(() => parseSweepArgs(argv)).toThrow(pattern);
  try { parseSweepArgs(argv); } catch (e) { expect((e as Error).message).not.toContain('\n'); }
};

describe('sweep flags', () => {
  it('defaults to the issue protocol: three norms, batches 2 to 128, 240,000 examples', () => {
    expect(parseSweepArgs([])).toEqual({
      norms: ['none', 'batch', 'layer'], batches: [2, 4, 8, 16, 32, 64, 128], examples: 240_000, seed: 1, seeds: null, workers: null,
      dataset: 'mnist', arch: 'mlp', dataDir: null, json: false, help: false,
    });
  });

  it('sweeps the CNN with --arch cnn: batch norm against group norm, batches 2 to 64 by default', () => {
    expect(parseSweepArgs(['--arch', 'cnn'])).toMatchObject({ arch: 'cnn', norms: ['batch', 'group'], batches: [2, 4, 8, 16, 32, 64] });
    expect(parseSweepArgs(['--arch', 'cnn', '--norms', 'none,group', '--batches', '1,4'])).toMatchObject({ norms: ['none', 'group'], batches: [1, 4] });
    // BatchNorm2d has N x H x W values per channel: batch 1 is a batch it trains on
    expect(parseSweepArgs(['--arch', 'cnn', '--batches', '1']).batches).toEqual([1]);
    refuse(['--arch', 'cnn', '--norms', 'batch,layer'], /--norms: layer is not offered for --arch cnn; accepted: none, batch, group/);
    refuse(['--arch', 'cnn', '--dataset', 'xor'], /--arch cnn trains on MNIST only/);
    refuse(['--arch', 'rnn'], /--arch "rnn" is not accepted; accepted: mlp\|cnn/);
  });

  it('reads every flag, in both spellings', () => {
    const a = parseSweepArgs(['--norms', 'none,batch', '--batches=32,64', '--examples', '30000', '--seed', '7', '--workers', '3', '--json']);
    expect(a).toMatchObject({ norms: ['none', 'batch'], batches: [32, 64], examples: 30_000, seed: 7, workers: 3, json: true });
    expect(parseSweepArgs(['--dataset', 'xor']).dataset).toBe('xor');
    expect(parseSweepArgs(['--data', '/tmp/mnist']).dataDir).toBe('/tmp/mnist');
    expect(parseSweepArgs(['--norms', 'layer', '--batches', '1']).batches).toEqual([1]);
    expect(parseSweepArgs(['--help']).help).toBe(true);
    expect(parseSweepArgs(['--seeds', '3']).seeds).toEqual([1, 2, 3]);
    expect(parseSweepArgs(['--seeds', '3,7']).seeds).toEqual([3, 7]);
  });

  it('refuses bad flags with one line naming the flag and what is accepted', () => {
    refuse(['--norms', 'instance'], /--norms "instance" is not accepted; accepted: comma-separated, each of none, batch, layer, renorm, group/);
    refuse(['--norms', 'none,none'], /--norms/);
    refuse(['--norms', ''], /--norms needs a value|--norms "" is not accepted/);
    refuse(['--batches', '0,2'], /--batches "0,2" is not accepted; accepted: comma-separated integers from 1 to 60000/);
    refuse(['--batches', '2,x'], /--batches/);
    refuse(['--batches', '2.5'], /--batches/);
    refuse(['--batches', '4,4'], /--batches "4,4" is not accepted; accepted: each value at most once/);
    refuse(['--batches', '1,2'], /--batches: batch 1 with batch norm/);
    refuse(['--examples', '0'], /--examples "0" is not accepted; accepted: an integer from 1 to/);
    refuse(['--examples', '1e5'], /--examples/);
    refuse(['--seed', '-1'], /--seed/);
    refuse(['--workers', '0'], /--workers "0" is not accepted; accepted: an integer from 1 to 64/);
    refuse(['--dataset', 'cifar'], /--dataset "cifar" is not accepted; accepted: mnist\|spiral/);
    refuse(['--dataset', 'xor', '--data', '/tmp'], /--data is for --dataset mnist/);
    refuse(['--examples'], /--examples needs a value/);
    refuse(['--seed', '1', '--seed', '2'], /--seed given twice/);
    refuse(['--seed', '1', '--seeds', '2'], /--seed and --seeds: give one of them/);
    refuse(['--seeds', '0'], /--seeds "0" is not accepted/);
    refuse(['--seeds', '20'], /--seeds: 420 runs; accepted: at most 200/);
    refuse(['--json=1'], /--json takes no value/);
    refuse(['--lr', '0.1'], /unknown flag --lr; accepted: --norms, --batches/);
    refuse(['stray'], /unexpected argument "stray"/);
  });
});
