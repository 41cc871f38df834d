import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '../cli-context';

/** A context whose output is kept, in a session folder of its own; `remove()` when done. */
export function fakeContext(overrides: Partial<CliContext> = {}) {
  const home = mkdtempSync(join(tmpdir(), 'cli-feature-'));
  const output = { stdout: '', stderr: '' };
  const interrupt = new AbortController();
  const context: CliContext = {
    env: {},
    stdout: (text) => (output.stdout += text),
    stderr: (text) => (output.stderr += text),
    signal: interrupt.signal,
    openBrowser: () => Promise.reject(new Error('no browser in tests')),
    readStdin: () => Promise.resolve(''),
    sessionDirectory: join(home, 'oracle-ai'),
    ...overrides,
  };
  return {
    context,
    output,
    interrupt: () => interrupt.abort(),
    remove: () => rmSync(home, { recursive: true, force: true }),
  };
}
