import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

describe('findWorkspaceRoot', () => {
  it('finds the folder with nx.json above this lib', () => {
    const root = findWorkspaceRoot();
    expect(existsSync(join(root, 'nx.json'))).toBe(true);
    expect(__dirname.startsWith(root)).toBe(true);
    expect(existsSync(join(root, 'libs/shared/testing-node-process'))).toBe(true);
  });
});
