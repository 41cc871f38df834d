import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findExecutable } from './executables';

describe('findExecutable', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'find-executable-'));
    for (const sub of ['a', 'b', 'c']) mkdirSync(join(dir, sub));
    writeFileSync(join(dir, 'a', 'tool'), '');
    chmodSync(join(dir, 'a', 'tool'), 0o644);
    writeFileSync(join(dir, 'b', 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'b', 'tool'), 0o755);
    mkdirSync(join(dir, 'c', 'other'));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the first executable file of that name on PATH, skipping files that cannot run', () => {
    const path = ['', join(dir, 'a'), join(dir, 'b')].join(delimiter);
    expect(findExecutable('tool', path)).toBe(join(dir, 'b', 'tool'));
  });

  it('is undefined when there is none (a directory does not count)', () => {
    expect(findExecutable('tool', join(dir, 'a'))).toBeUndefined();
    expect(findExecutable('other', join(dir, 'c'))).toBeUndefined();
    expect(findExecutable('tool', undefined)).toBeUndefined();
  });
});
