// Every run group loads the data set; one downloads it while the others wait for the cache
// (mnist-browser.ts), so the page is shown the progress of whichever group is furthest.
import type { LoadProgress } from '../session/dataset-loader';

/**
 * Reports from `groups` loaders combined into one monotone progress: a report goes on to `onLoad`
 * only when its group is at least as far (loaded / total) as any other. Undefined without `onLoad`.
 */
export function furthestProgress(groups: number, onLoad?: (p: LoadProgress) => void): ((group: number, p: LoadProgress) => void) | undefined {
  if (!onLoad) return undefined;
  const share = new Array<number>(groups).fill(0);
  return (group, p) => {
    share[group] = p.total > 0 ? p.loaded / p.total : 0;
    if (share[group] >= Math.max(...share)) onLoad(p);
  };
}
