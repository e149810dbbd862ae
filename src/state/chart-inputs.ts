// The values of the rooms below the state that the charts use: the charts import values only from
// the state (and types from telemetry and session), so this list is all they read of them.
export { CNN_CHANNELS } from '../session/cnn-spec';
export { isRunKind } from '../session/run-kinds';
export { runSpecOf } from '../session/run-spec';
export { median, summarize } from '../session/seeds/stats';
export { SETTINGS } from '../session/settings';
export { STAGES } from '../telemetry/frame-format';
export { reprojectCounts } from '../telemetry/histogram-reproject';
export { sweepSeries } from '../runtime/sweep/results';
export type { NormKind } from '../engine/types';
