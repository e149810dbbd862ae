// What an experiment card leads with, from the measured summaries (./measured.ts): the check that
// matches the variant the page runs, a small table (run kind, median, range over seeds) and the data a
// one-sentence finding is written from (who was ahead in how many seeds), and the settings in which the
// page differs from that protocol. Pure data: the page words it (en/zh).
import type { NormKind } from '../../engine/types';
import type { RunKind } from '../run-kinds';
import type { Measured } from '../seeds/measured-build';
import type { TrainSettings } from '../settings';
import { findVariant, type Preset, type PresetCheck } from './index';
import { MEASURED } from './measured';

export interface CardRow {
  /** The check's label when the table shows several checks (e.g. "lr 30"), or the sweep's batch size. */
  group: string | null;
  run: RunKind;
  seeds: number;
  median: number;
  min: number;
  max: number;
}

export type Finding =
  /** `b` beat `a` (median test accuracy) in `wins` of `n` seeds. */
  | { kind: 'paired'; a: RunKind; b: RunKind; wins: number; n: number; aMedian: number; bMedian: number }
  /** The sweep: batch norm's median at the smallest batch against the others', and the batches from which it was best in every seed. */
  | { kind: 'sweep'; batch: number; bn: number; others: { run: RunKind; median: number }[]; bestFrom: number | null; seeds: number };

export interface Card {
  check: PresetCheck | null;
  rows: CardRow[];
  finding: Finding | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The check the variant runs: the one whose settings agree with every setting the variant changes. */
export function cardCheck(p: Preset, variant: string | null): PresetCheck | null {
  if (p.checks.length === 0) return null;
  const v = findVariant(p, variant) ?? p.variants?.[0];
  if (!v) {
    // the check measuring what the preset itself runs (e.g. the CNN's 3,000 steps), else the first
    const keys = (Object.keys(p.settings) as (keyof TrainSettings)[]).filter((k) => k !== 'evalEvery');
    return p.checks.find((c) => keys.every((k) => c.settings[k] === undefined || same(c.settings[k], p.settings[k]))) ?? p.checks[0];
  }
  const keys = Object.keys(v.settings) as (keyof TrainSettings)[];
  return p.checks.find((c) => keys.every((k) => same(c.settings[k], v.settings[k]))) ?? p.checks[0];
}

const NORM_RUN: Record<NormKind, RunKind> = { none: 'plain', batch: 'batch', layer: 'layer', renorm: 'renorm', group: 'group' };

/** The card of preset `p` run as `variant`; rows and finding empty when nothing was measured for it. */
export function experimentCard(p: Preset, variant: string | null, m: Measured = MEASURED): Card {
  if (p.name === 'small-batches') return sweepCard(m);
  const check = cardCheck(p, variant);
  const summary = check ? m.checks.find((c) => c.preset === p.name && c.check === check.label) : undefined;
  if (!check || !summary) return { check, rows: [], finding: null };
  const rows: CardRow[] = summary.runs.flatMap((r) => (r.acc ? [{ group: null, run: r.run, seeds: r.seeds.length, median: r.acc.median, min: r.acc.min, max: r.acc.max }] : []));
  const pr = summary.paired;
  const med = (k: RunKind) => rows.find((r) => r.run === k)?.median;
  const finding: Finding | null = pr && med(pr.a) !== undefined && med(pr.b) !== undefined
    ? { kind: 'paired', a: pr.a, b: pr.b, wins: pr.comparison.wins, n: pr.comparison.n, aMedian: med(pr.a)!, bMedian: med(pr.b)! }
    : null;
  return { check, rows, finding };
}

/** The sweep's card: every norm at the smallest, a middle and the largest batch measured. */
function sweepCard(m: Measured): Card {
  const batches = [...new Set(m.sweep.cells.map((c) => c.batch))].sort((a, b) => a - b);
  if (batches.length === 0) return { check: null, rows: [], finding: null };
  const shown = [...new Set([batches[0], batches.find((b) => b >= 8) ?? batches[0], batches[batches.length - 1]])];
  const rows: CardRow[] = shown.flatMap((batch) => m.sweep.cells.filter((c) => c.batch === batch)
    .map((c) => ({ group: String(batch), run: NORM_RUN[c.norm], seeds: c.seeds.length, median: c.acc.median, min: c.acc.min, max: c.acc.max })));
  const small = m.sweep.cells.filter((c) => c.batch === batches[0]);
  const bn = small.find((c) => c.norm === 'batch');
  // the smallest batch from which batch norm was the best norm in every seed at it and every larger batch
  let bestFrom: number | null = null;
  for (let i = batches.length - 1; i >= 0; i--) {
    const b = m.sweep.best.find((x) => x.batch === batches[i]);
    if (!b || (b.wins.batch ?? 0) !== b.n || b.n === 0) break;
    bestFrom = batches[i];
  }
  const finding: Finding | null = bn ? {
    kind: 'sweep', batch: batches[0], bn: bn.acc.median, bestFrom, seeds: m.sweep.seeds.length,
    others: small.filter((c) => c.norm !== 'batch').map((c) => ({ run: NORM_RUN[c.norm], median: c.acc.median })),
  } : null;
  return { check: null, rows, finding };
}

export interface ProtocolDifference { key: keyof TrainSettings; page: unknown; protocol: unknown }

/** The settings of the protocol the card quotes that the page runs differently (steps and evaluation aside: the page trains on). */
export function protocolDifferences(check: PresetCheck, page: Readonly<TrainSettings>): ProtocolDifference[] {
  const ignored = new Set<keyof TrainSettings>(['steps', 'evalEvery']);
  return (Object.keys(check.settings) as (keyof TrainSettings)[])
    .filter((k) => !ignored.has(k) && !same(check.settings[k], page[k]))
    .map((k) => ({ key: k, page: page[k], protocol: check.settings[k] }));
}
