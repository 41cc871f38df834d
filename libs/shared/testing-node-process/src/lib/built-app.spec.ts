import { join } from 'node:path';
import { builtApp } from './built-app';
import { findWorkspaceRoot } from './workspace-root';

describe('builtApp', () => {
  it("names an app's built main.js under the workspace root and the command that builds it", () => {
    expect(builtApp('dev-idp')).toEqual({
      main: join(findWorkspaceRoot(), 'dist/apps/dev-idp/main.js'),
      buildCommand: 'npx nx build dev-idp',
    });
  });

  it('names another script of the build, under another root', () => {
    expect(builtApp('dev-metrics', 'history.js', '/work/x')).toEqual({
      main: '/work/x/dist/apps/dev-metrics/history.js',
      buildCommand: 'npx nx build dev-metrics',
    });
  });
});
