import { checkedUrl, normalizedApiUrl, OAuthError } from '@oracle-ai/cli/data-access-oauth';
import { UsageError } from './usage-error';

/** `--api`: checked like `ORACLE_AI_API`, without a trailing slash (as the API names itself). */
export function apiFlag(value: string | undefined): string | undefined {
  return value === undefined ? undefined : asUsage(() => normalizedApiUrl(value, '--api'));
}

/** `--issuer`: checked, and kept exactly as given (an issuer identifier is compared as is). */
export function issuerFlag(value: string | undefined): string | undefined {
  return value === undefined ? undefined : asUsage(() => checkedUrl(value, '--issuer') && value);
}

function asUsage<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof OAuthError) throw new UsageError(error.message);
    throw error;
  }
}
