/**
 * The end of the current event-loop turn (`setImmediate`, after the turn's I/O callbacks), shared
 * by everything that waits for it: their continuations then run back to back, in order.
 *
 * Signature checks wait for it — a never-seen token's, a DPoP proof's: every request read in one
 * turn is parsed first (and cached tokens answered at once), then the turn's signature checks run
 * back to back, and their responses are written back to back (docs/adr/0006).
 */
export class TurnBatch {
  private ending: Promise<void> | undefined;

  /** Settles at the end of this turn; one promise for every caller of the turn. */
  end(): Promise<void> {
    this.ending ??= new Promise((resolve) =>
      setImmediate(() => {
        this.ending = undefined;
        resolve();
      }),
    );
    return this.ending;
  }
}
