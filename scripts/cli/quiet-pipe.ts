// A command-line tool piped into `head` (or a closed pager) gets EPIPE on its next write: that is the
// reader saying "enough", not an error, so the tool exits quietly with success instead of a stack trace.
//
// The 'error' event only reaches a tool between tasks, so a synchronous training loop would go on to
// its end after the reader left. printLine writes with writeSync instead, which fails at once.
import { writeSync } from 'node:fs';

export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}

/** Writes `text` and a newline to stdout now; ends the process quietly (exit 0) when the reader has gone. */
export function printLine(text: string): void {
  let data = Buffer.from(`${text}\n`);
  while (data.length > 0) {
    try {
      data = data.subarray(writeSync(1, data));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(0);
      if (code !== 'EAGAIN') throw e; // a full non-blocking pipe: try again
    }
  }
}
