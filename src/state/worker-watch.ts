// Tells the page when its training worker has failed: an uncaught exception in the worker ('error'),
// a message it could not read ('messageerror'). A worker that dies silently (out of memory, closed)
// sends no event at all: the frame pump's watchdog (frame-pump.ts) notices that frames stopped.
export interface WorkerLike {
  addEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
  removeEventListener(type: 'error' | 'messageerror', listener: (e: Event) => void): void;
}

/** Calls `onFault` with a message on the worker's first failure; returns the function that stops watching. */
export function watchWorker(worker: WorkerLike, onFault: (message: string) => void): () => void {
  const onError = (e: Event) => {
    e.preventDefault();
    const message = (e as ErrorEvent).message;
    onFault(message ? message.replace(/^Uncaught (Error: )?/, '') : 'the worker failed to start or stopped with an error');
  };
  const onMessageError = () => onFault('the worker sent a message that could not be read');
  worker.addEventListener('error', onError);
  worker.addEventListener('messageerror', onMessageError);
  return () => {
    worker.removeEventListener('error', onError);
    worker.removeEventListener('messageerror', onMessageError);
  };
}
