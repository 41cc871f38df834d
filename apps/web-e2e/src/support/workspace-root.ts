import { resolve } from 'node:path';

/** The repository root, where `dist/` is built. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
