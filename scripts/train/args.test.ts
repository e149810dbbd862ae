import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/session/settings';
import { parseTrainArgs, UsageError } from './args';

const refuse = (argv: string[], pattern: RegExp) => {
  expect(() => parseTrainArgs(argv)).toThrow(UsageError);
  expect(() => parseTrainArgs(argv)).toThrow(pattern);
};

describe('train flags', () => {
  it('takes defaults, presets, and explicit flags over presets', () => {
    expect(parseTrainArgs([]).settings).toEqual(DEFAULT_SETTINGS);
    const fig1 = parseTrainArgs(['--preset', 'bn-paper-fig1']).settings;
    expect(fig1).toMatchObject({ hidden: [100, 100, 100], act: 'sigmoid', norm: 'batch', placement: 'pre', batch: 60, lr: 0.1, init: 'normal:0.1', steps: 50000, evalEvery: 1000 });
    const base = parseTrainArgs(['--preset', 'bn-paper-fig1', '--norm', 'none', '--steps=5000']);
    expect(base.settings).toMatchObject({ norm: 'none', steps: 5000, act: 'sigmoid' });
    expect(base.preset).toBe('bn-paper-fig1');
    expect(parseTrainArgs(['--preset', 'article']).settings).toMatchObject({ hidden: [256], act: 'relu', placement: 'post', optimizer: 'adam', lr: 0.001, weightDecay: 0.001, batch: 32 });
    expect(parseTrainArgs(['--json', '--sgd-momentum', '0.9', '--weight-decay', '1e-4']).settings).toMatchObject({ sgdMomentum: 0.9, weightDecay: 1e-4 });
    // every experiment of the menu is a preset, with its variants and runs
    expect(parseTrainArgs(['--preset', 'high-lr']).settings).toMatchObject({ lr: 30, steps: 5000, act: 'sigmoid' });
    expect(parseTrainArgs(['--preset', 'high-lr', '--variant', 'lr-10']).settings.lr).toBe(10);
    expect(parseTrainArgs(['--preset', 'bad-init', '--variant', 'large', '--run', 'plain']).settings).toMatchObject({ init: 'normal:1', norm: 'none' });
    expect(parseTrainArgs(['--preset', 'placement', '--run', 'batch-post']).settings).toMatchObject({ act: 'relu', norm: 'batch', placement: 'post' });
    // a run with its own settings: they win over the flags; the id is canonical
    const own = parseTrainArgs(['--eps', '0.001', '--lr', '0.2', '--run', 'batch:eps=1,lr=0.50']);
    expect(own.settings).toMatchObject({ norm: 'batch', eps: 1, lr: 0.5 });
    expect(own.run).toBe('batch:eps=1,lr=0.5');
    expect(parseTrainArgs(['--preset', 'deep-sigmoid']).settings.hidden).toEqual(Array(10).fill(100));
  });

  it('refuses bad flags with one line naming the flag and what is accepted', () => {
    refuse(['--bogus', '1'], /unknown flag --bogus; accepted: --dataset/);
    refuse(['--batch', '0'], /--batch "0" is not accepted; accepted: an integer >= 1/);
    refuse(['--batch', '2.5'], /--batch/);
    refuse(['--eps', '0'], /--eps "0" is not accepted; accepted: a number > 0/);
    refuse(['--eps', '-1e-5'], /--eps/);
    refuse(['--eps', 'abc'], /--eps/);
    refuse(['--hidden', '100,0,100'], /--hidden "100,0,100" is not accepted/);
    refuse(['--hidden', ''], /--hidden/);
    refuse(['--dataset', 'cifar'], /--dataset "cifar" is not accepted; accepted: mnist\|spiral\|circles\|xor\|gauss/);
    refuse(['--act', 'gelu'], /--act/);
    refuse(['--init', 'normal:0'], /--init/);
    refuse(['--lr'], /--lr needs a value/);
    refuse(['--preset', 'nope'], /--preset "nope" is unknown; accepted: bn-paper-fig1, small-batches, high-lr, bad-init, placement, article, deep-sigmoid/);
    refuse(['--preset', 'high-lr', '--variant', 'lr-99'], /--variant "lr-99" is not a variant of high-lr; accepted: lr-30, lr-10, lr-3, lr-1/);
    refuse(['--variant', 'large'], /--variant needs --preset/);
    refuse(['--run', 'nope'], /--run "nope" is not accepted; accepted: plain, batch, layer, renorm, group/);
    refuse(['--run', 'batch:eps=0'], /--run "batch:eps=0" is not accepted: eps=0: a number > 0/);
    refuse(['--run', 'batch:wat=1'], /--run "batch:wat=1" is not accepted: batch: "wat=1" is not a setting/);
    refuse(['--steps', '10', '--steps', '20'], /given twice/);
    refuse(['--run', 'batch:eps=1e-5', '--run', 'batch:eps=0.00001'], /--run batch:eps=0.00001 given twice/);
    refuse(['stray'], /unexpected argument "stray"/);
    refuse(['--dataset', 'xor', '--data', '/tmp'], /--data is for --dataset mnist/);
    for (const argv of [['--bogus'], ['--eps', '0']]) {
      try { parseTrainArgs(argv); } catch (e) { expect((e as Error).message).not.toContain('\n'); }
    }
  });

  it('takes --run more than once: the runs side by side, the flags the session\'s settings', () => {
    const a = parseTrainArgs(['--eps', '0.001', '--run', 'batch', '--run', 'batch:eps=1', '--run', 'plain']);
    expect(a.runs).toEqual(['batch', 'batch:eps=1', 'plain']);
    expect(a.run).toBeNull();
    expect(a.settings.eps).toBe(0.001);
    expect(parseTrainArgs(['--run', 'batch']).runs).toEqual([]);
  });

  it('takes --arch cnn and the pytorch init; refuses the landscape for the CNN', () => {
    expect(parseTrainArgs(['--arch', 'cnn', '--init', 'pytorch', '--run', 'group', '--groups', '4']).settings).toMatchObject({ arch: 'cnn', init: 'pytorch', norm: 'group', groups: 4 });
    refuse(['--arch', 'rnn'], /--arch "rnn" is not accepted; accepted: mlp\|cnn/);
    refuse(['--arch', 'cnn', '--landscape-every', '10'], /--landscape-every 10: the loss landscape is measured for the fully connected network only/);
    refuse(['--init', 'kaiming'], /accepted: normal:STD with 0 < STD <= 100, xavier, he or pytorch/);
  });
});
