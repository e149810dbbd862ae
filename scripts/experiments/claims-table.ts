// The README's table of claims, written from the measured summaries (src/session/presets/measured.ts):
// one row per experiment setting with each run's test accuracy as median [min-max], how many seeds
// left chance (above 0.3), and the paired comparison of a seed's two runs.
import type { Measured } from '../../src/session/index';
import { exp, kOfN, medianRange, medianRangeExp, signedRange } from '../../src/session/index';
import type { RunKind } from '../../src/session/index';

export const RUN_LABEL: Record<RunKind, string> = {
  plain: 'plain', batch: 'batch norm', layer: 'layer norm', renorm: 'batch renorm', group: 'group norm',
  'batch-pre': 'BN before ReLU', 'batch-post': 'BN after ReLU',
};

export const TABLE_START = '<!-- claims table: written by npx tsx scripts/experiments/write-measured.ts -->';
export const TABLE_END = '<!-- end of claims table -->';

export function claimsTable(m: Measured): string {
  const rows = m.checks.map((c) => {
    const n = Math.max(...c.runs.map((r) => r.seeds.length));
    const acc = c.runs.map((r) => `${RUN_LABEL[r.run]} ${r.acc ? medianRange(r.acc) : 'all diverged'}${r.diverged ? ` (${kOfN(r.diverged, r.seeds.length)} diverged)` : ''}`).join('; ');
    const above = c.runs.map((r) => `${RUN_LABEL[r.run]} ${kOfN(r.above, r.seeds.length)}`).join(', ');
    const p = c.paired;
    const paired = p
      ? `${RUN_LABEL[p.b]} ahead in ${kOfN(p.comparison.wins, p.comparison.n)}${p.comparison.medianDiff !== null ? `, ${signedRange(p.comparison.medianDiff, p.comparison.minDiff!, p.comparison.maxDiff!)}` : ''}`
      : '-';
    return `| \`${c.preset}\` | ${c.check} | ${n} | ${acc} | ${above} | ${paired} |`;
  });
  const grads = m.gradients.filter((g) => g.preset === 'deep-sigmoid').map((g) => `\`${g.preset}\`, ${RUN_LABEL[g.run]}: at step 100 the first hidden layer's weight-gradient norm is `
    + `${medianRangeExp(g.firstOverLast)} of the last hidden layer's (hidden layers' norms ${exp(g.hiddenMin)} to ${exp(g.hiddenMax)})`);
  return [
    TABLE_START,
    '| experiment | setting | seeds | test accuracy, median [min-max] | above 0.3 (left chance) | paired: seeds where the second run beat the first, median difference [min to max] |',
    '| --- | --- | ---: | --- | --- | --- |',
    ...rows,
    ...(grads.length ? ['', ...grads.map((g) => `${g}.`)] : []),
    TABLE_END,
  ].join('\n');
}
