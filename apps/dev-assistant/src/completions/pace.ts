/**
 * Pauses between pieces around `paceMs`: uniformly from ⅔ to 4⁄3 of it (20–40 ms for the default
 * 30), so a stream looks like a model's, not a metronome's. 0 means no pause.
 */
export function jitteredPace(paceMs: number): () => number {
  return () => (paceMs === 0 ? 0 : Math.round(paceMs * (2 / 3 + (Math.random() * 2) / 3)));
}

/** The same pause every time: a script's `chunkIntervalMs`. */
export function fixedPace(intervalMs: number): () => number {
  return () => intervalMs;
}
