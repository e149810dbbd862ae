// Entry of the CLI's worker threads. Node 20 does not apply a loader given as `--import tsx` in a
// worker's execArgv to the worker's own entry file (tsx issue #354: "Unknown file extension .ts"), so
// this plain-JavaScript entry registers tsx's loader first and then imports the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
