import { join } from 'node:path';
import { require as tsxRequire } from 'tsx/cjs/api';

// `npm run token` runs this file with tsx from the workspace root, which has no tsconfig.json to
// map the `@oracle-ai/*` import aliases: load the CLI through tsx with this app's tsconfig.
process.env['TSX_TSCONFIG_PATH'] = join(__dirname, '../tsconfig.app.json');
tsxRequire('./token-command', __filename);
