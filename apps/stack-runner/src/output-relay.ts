import type { Readable, Writable } from 'node:stream';

/**
 * Copies a child's output to ours for as long as ours has a reader, then drops it. The child's
 * pipe is always read: a child whose output nobody reads would block on its next write — and
 * then not stop when asked. While the reader is slow, the child waits (backpressure); once the
 * reader has gone (a closed pipe: EPIPE), the rest is discarded instead of ending the runner.
 */
export function relayOutput(from: Readable, to: Writable): void {
  let readerGone = false;
  to.on('error', () => {
    readerGone = true;
    from.resume();
  });
  from.on('data', (chunk: Buffer) => {
    if (readerGone || to.destroyed) return;
    if (!to.write(chunk)) {
      from.pause();
      to.once('drain', () => from.resume());
    }
  });
}

/** A line of the runner's own, on stderr while anyone reads it. */
export function say(line: string): void {
  if (!process.stderr.destroyed && process.stderr.writable) {
    process.stderr.write(`stack-runner: ${line}\n`);
  }
}
