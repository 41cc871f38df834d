import { hash } from 'node:crypto';
import { AuthErrors } from '../errors';
import type { ReplayStore } from './replay-store';

export interface MemoryReplayStoreOptions {
  /** How long an id must be remembered: the proof acceptance window, in seconds. */
  windowS: number;
  /** Ids remembered per window at most; past that new proofs are refused until the oldest expire. */
  maxEntries: number;
  now?: () => number;
}

/**
 * The replay store of one API instance: two generations of ids, each covering one window, so an
 * id lives at least a window and at most two, and memory is bounded by `2 × maxEntries` whatever
 * the traffic (about 70 bytes an entry). A replay against another instance is not seen here: several instances need the
 * shared Redis store. Full means refused (503), never "accept without checking".
 */
export class MemoryReplayStore implements ReplayStore {
  private current = new Set<string>();
  private previous = new Set<string>();
  private generationStartedAt: number;
  private readonly now: () => number;

  constructor(private readonly options: MemoryReplayStoreOptions) {
    this.now = options.now ?? Date.now;
    this.generationStartedAt = this.now();
  }

  firstUse(id: string): boolean {
    this.rotate();
    // 128 bits of SHA-256: a fixed 22 characters per entry, whatever the proof's jti.
    const key = hash('sha256', id, 'base64url').slice(0, 22);
    if (this.current.has(key) || this.previous.has(key)) return false;
    if (this.current.size >= this.options.maxEntries) {
      throw Object.assign(new AuthErrors.ReplayStoreUnavailable(), { retryAfterS: 1 });
    }
    this.current.add(key);
    return true;
  }

  async close(): Promise<void> {
    this.current.clear();
    this.previous.clear();
  }

  private rotate(): void {
    const windowMs = this.options.windowS * 1000;
    const elapsed = this.now() - this.generationStartedAt;
    if (elapsed < windowMs) return;
    // After two windows without a proof, the current generation is as old as the previous one.
    this.previous = elapsed < 2 * windowMs ? this.current : new Set();
    this.current = new Set();
    this.generationStartedAt = this.now();
  }
}
