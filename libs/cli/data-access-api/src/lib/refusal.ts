import { printable } from '@oracle-ai/cli/util-messages';
import { ApiError } from './api-error';

/** Codes after which only a new sign-in helps. */
const SIGN_IN_AGAIN = new Set([
  'missing_token',
  'invalid_token',
  'token_expired',
  'token_not_yet_valid',
  'invalid_signature',
  'invalid_issuer',
  'invalid_audience',
  'unsupported_algorithm',
  'unknown_signing_key',
  'missing_claim',
  'invalid_token_type',
  'invalid_dpop_proof',
]);

/**
 * One line for a non-2xx answer of the API: status and machine code (what a script switches on),
 * the API's message, when to retry (`Retry-After`), what to do, and the request id to quote.
 * The body is read as the API's error body (`{ code, message, requestId }`) when it is one; a
 * proxy's HTML page gives only its status.
 */
export async function refusal(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = await response.json();
    if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: the status says enough.
  }
  const code = typeof body['code'] === 'string' ? printable(body['code'], 60) : undefined;
  const message = typeof body['message'] === 'string' ? printable(body['message']) : undefined;
  const requestId =
    typeof body['requestId'] === 'string'
      ? printable(body['requestId'], 128)
      : printable(response.headers.get('x-request-id') ?? '', 128) || undefined;
  const retryAfter = retryAfterSeconds(response.headers.get('retry-after'));

  let line = `the API answered ${response.status}${code ? ` ${code}` : ''}`;
  if (message) line += `: ${message}`;
  if (retryAfter !== undefined) line += `; retry after ${retryAfter} s`;
  if (code && SIGN_IN_AGAIN.has(code)) line += '; run `oracle-ai login` again';
  if (requestId) line += ` (request id ${requestId})`;
  return new ApiError('ERR_API_REFUSED', line, response.status, code);
}

/** `Retry-After` as seconds: delta-seconds, or an HTTP date from now; undefined when absent or bad. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (header === null) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
