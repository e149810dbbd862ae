// The values of the rooms below the state that the ui uses: the ui imports values only from the
// state, the charts and i18n (and types from anywhere), so this list is all it reads of them, as
// chart-inputs.ts is for the charts.
export { mnistStoredBytes } from '../data/dataset-bytes';
export { CNN_RUN_KINDS } from '../session/cnn-spec';
export { findPreset, PRESETS } from '../session/presets';
export { experimentCard, protocolDifferences } from '../session/presets/card';
export { EXPLANATIONS } from '../session/presets/explanations';
export { DEFAULT_RUNS, isRunKind, RUN_KINDS } from '../session/run-kinds';
export { kindOfRunId, orderRunIds } from '../session/run-spec';
export { signed } from '../session/seeds/format';
export { summarize } from '../session/seeds/stats';
export { summarizeRecords } from '../session/seeds/summaries';
export { INIT_SCALE, setting } from '../session/settings';
export { CNN_SWEEP_BATCHES, CNN_SWEEP_NORMS, planSweep, SWEEP_ALL_NORMS, SWEEP_BATCHES, SWEEP_EXAMPLE_CHOICES, SWEEP_EXAMPLES, SWEEP_NORMS } from '../session/sweep/protocol';
export { checkOfVariant, DEFAULT_SEED_COUNT } from '../runtime/seeds/plan';
export { formatDuration } from '../runtime/sweep/eta';
export { plannedSeconds } from '../runtime/sweep/work';
/** The sweep worker's script (ui/preload-views.ts fetches it into the HTTP cache for offline use). */
export { default as sweepWorkerUrl } from '../../workers/sweep.worker.ts?worker&url';
