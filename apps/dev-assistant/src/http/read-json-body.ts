import type { IncomingMessage } from 'node:http';
import { OpenAiError } from './openai-error';

/** Bodies beyond this many bytes are not even read to the end: the connection is closed. */
const DISCARD_LIMIT_FACTOR = 16;

/**
 * The request's JSON body. Refuses, as OpenAI's API would: a body that is not declared
 * `application/json` (400), larger than `limitBytes` (413), not UTF-8 or not JSON (400). An
 * oversized body is read to its end (up to 16 × the limit) so that the client gets the 413
 * instead of a broken pipe.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new OpenAiError(
      400,
      'The request body must be JSON sent with "Content-Type: application/json".',
      { code: 'invalid_content_type' },
    );
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limitBytes * DISCARD_LIMIT_FACTOR) throw tooLarge(limitBytes, true);

  return parseJson(await readBytes(req, limitBytes));
}

/** Reads with events rather than `for await`, whose early exit would destroy the socket. */
function readBytes(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limitBytes) {
        chunks.push(chunk);
      } else if (received > limitBytes * DISCARD_LIMIT_FACTOR) {
        req.off('data', onData);
        req.pause();
        reject(tooLarge(limitBytes, true));
      }
    };
    req.on('data', onData);
    req.once('end', () =>
      received > limitBytes ? reject(tooLarge(limitBytes, false)) : resolve(Buffer.concat(chunks)),
    );
    // The client went away mid-body: nobody is left to answer.
    req.once('error', reject);
    req.once('close', () => reject(new Error('the client closed the connection mid-body')));
  });
}

function tooLarge(limitBytes: number, closeConnection: boolean): OpenAiError {
  return new OpenAiError(
    413,
    `The request body is larger than this server accepts (${limitBytes} bytes).`,
    {
      code: 'request_too_large',
      headers: closeConnection ? { connection: 'close' } : {},
    },
  );
}

function parseJson(bytes: Buffer): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new OpenAiError(400, 'The request body is not valid UTF-8.', { code: 'invalid_json' });
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new OpenAiError(
      400,
      'We could not parse the JSON body of your request: the server expects a JSON payload.',
      { code: 'invalid_json' },
    );
  }
}
