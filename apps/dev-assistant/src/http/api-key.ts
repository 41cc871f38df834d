import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { OpenAiError } from './openai-error';

const CHALLENGE = { 'www-authenticate': 'Bearer realm="dev-assistant"' };

/**
 * Refuses a request without `Authorization: Bearer <apiKey>` (401, worded like OpenAI's API),
 * when a key is configured. The comparison takes the same time whatever the candidate.
 */
export function requireApiKey(req: IncomingMessage, apiKey: string | undefined): void {
  if (apiKey === undefined) return;
  const match = /^Bearer +(\S+) *$/i.exec(req.headers.authorization ?? '');
  if (match === null) {
    throw new OpenAiError(
      401,
      "You didn't provide an API key. Provide it in an Authorization header using Bearer auth (Authorization: Bearer YOUR_KEY).",
      { code: 'missing_api_key', headers: CHALLENGE },
    );
  }
  if (!timingSafeEqual(digest(match[1]), digest(apiKey))) {
    throw new OpenAiError(401, 'Incorrect API key provided.', {
      code: 'invalid_api_key',
      headers: CHALLENGE,
    });
  }
}

/** Equal-length inputs for `timingSafeEqual`, whatever the lengths of the keys. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
