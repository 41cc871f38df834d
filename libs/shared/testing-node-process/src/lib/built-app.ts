import { join } from 'node:path';
import { findWorkspaceRoot } from './workspace-root';

/** Where an Nx app's build is, and the command that makes it: `main` and `buildCommand` of `startNodeProcess`. */
export interface BuiltApp {
  /** `<workspace>/dist/apps/<app>/<script>` */
  main: string;
  /** `npx nx build <app>`: named in the error when `main` is missing. */
  buildCommand: string;
}

/**
 * The built script of the Nx app `app` (`main.js` unless another is named), found from the
 * workspace root whatever directory a test runs from.
 */
export function builtApp(
  app: string,
  script = 'main.js',
  workspaceRoot: string = findWorkspaceRoot(),
): BuiltApp {
  return {
    main: join(workspaceRoot, 'dist/apps', app, script),
    buildCommand: `npx nx build ${app}`,
  };
}
