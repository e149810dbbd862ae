// A command-line tool piped into `head` (or a closed pager) gets EPIPE on its next write: that is the
// reader saying "enough", not an error, so the tool exits quietly with success instead of a stack trace.
export function exitQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
