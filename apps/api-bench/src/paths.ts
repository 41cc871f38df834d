import { resolve } from 'node:path';

export const WORKSPACE_ROOT = resolve(__dirname, '..', '..', '..');
/** `nx build api` output. */
export const API_MAIN = resolve(WORKSPACE_ROOT, 'dist/apps/api/main.js');
/** `nx build api-bench` output: the peer servers and the autocannon runner. */
export const BENCH_DIST = resolve(WORKSPACE_ROOT, 'dist/apps/api-bench');
export const WRK_SCRIPT = resolve(__dirname, 'wrk/bench.lua');
export const BENCHMARKS_DOC = resolve(WORKSPACE_ROOT, 'docs/benchmarks.md');
