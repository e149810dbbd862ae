// Entry of the bench's worker threads: registers tsx's loader, then imports the TypeScript worker
// (see scripts/sweep/worker-boot.mjs for why not `--import tsx`).
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
