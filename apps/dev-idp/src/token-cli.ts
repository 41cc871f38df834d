import { parseArgs } from 'node:util';
import { DevIdpError, getTokens } from '@oracle-ai/shared/data-access-dev-idp-client';

const USAGE = 'usage: npm run -s token -- <user> [--password <password>] [--issuer <url>] [--json]';

/**
 * `npm run -s token -- alice` prints only the access token, so `TOKEN=$(npm run -s token -- alice)`
 * works; `--json` prints the whole token response instead.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      issuer: { type: 'string', default: process.env['DEV_IDP_ISSUER'] || 'http://localhost:4400' },
      password: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length !== 1) {
    throw new UsageError(USAGE);
  }
  const tokens = await getTokens({
    issuer: values.issuer,
    username: positionals[0],
    password: values.password,
  });
  console.log(values.json ? JSON.stringify(tokens, null, 2) : tokens.access_token);
}

class UsageError extends Error {}

main().catch((error: unknown) => {
  const known = error instanceof DevIdpError || error instanceof UsageError || isArgError(error);
  console.error(known ? (error as Error).message : error);
  process.exit(1);
});

function isArgError(error: unknown): boolean {
  return String((error as NodeJS.ErrnoException).code).startsWith('ERR_PARSE_ARGS');
}
