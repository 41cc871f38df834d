import { printable } from './printable';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  cause?: unknown;
}

/**
 * Why a `fetch` failed, in a word: `ECONNREFUSED`, `ENOTFOUND`, `timed out` … — the innermost
 * cause, which is where Node puts the system error. Duck-typed: fetch's errors may come from
 * another realm (a test runner's), where `instanceof Error` is false.
 */
export function networkReason(error: unknown): string {
  let inner = asErrorLike(error);
  for (let depth = 0; inner?.cause !== undefined && depth < 10; depth++) {
    if (inner.name === 'TimeoutError') return 'timed out';
    inner = asErrorLike(inner.cause);
  }
  if (inner?.name === 'TimeoutError') return 'timed out';
  if (typeof inner?.code === 'string') return inner.code;
  return printable(typeof inner?.message === 'string' ? inner.message : String(error));
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}
