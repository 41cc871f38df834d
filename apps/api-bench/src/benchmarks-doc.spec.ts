import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSection, replaceSection, writeBenchmarksDoc } from './benchmarks-doc';

const DOC = [
  '# API benchmarks',
  '',
  'Prose by hand.',
  '',
  '<!-- api-bench:goals:start -->',
  '',
  'old goals',
  '',
  '<!-- api-bench:goals:end -->',
  '',
  'More prose.',
  '',
].join('\n');

describe('benchmarks doc sections', () => {
  it('reads a generated section', () => {
    expect(readSection(DOC, 'goals')).toBe('old goals');
    expect(readSection(DOC, 'results')).toBeUndefined();
  });

  it('replaces a section in place and keeps the prose around it', () => {
    const next = replaceSection(DOC, 'goals', 'new goals');
    expect(next).toBe(DOC.replace('old goals', 'new goals'));
  });

  it('adds a missing section at the end under its heading', () => {
    const next = replaceSection(DOC, 'results', 'the report');
    expect(next).toBe(
      `${DOC.trimEnd()}\n\n## Latest results\n\n<!-- api-bench:results:start -->\n\nthe report\n\n<!-- api-bench:results:end -->\n`,
    );
  });

  it('writes every section to the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-bench-doc-'));
    try {
      const path = join(dir, 'benchmarks.md');
      writeFileSync(path, DOC);
      writeBenchmarksDoc(path, { goals: 'g', results: 'r' });
      const written = readFileSync(path, 'utf8');
      expect(readSection(written, 'goals')).toBe('g');
      expect(readSection(written, 'results')).toBe('r');
      expect(written).toContain('Prose by hand.\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
