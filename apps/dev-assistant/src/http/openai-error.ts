import type { ServerResponse } from 'node:http';
import { sendJson } from './send-json';

/** The `error.type` OpenAI's API gives each kind of status. */
function typeOf(status: number): string {
  if (status === 429) return 'requests';
  return status >= 500 ? 'server_error' : 'invalid_request_error';
}

export interface OpenAiErrorDetails {
  /** The request field at fault, e.g. `messages[0].role`. */
  param?: string | null;
  /** A stable machine code, e.g. `invalid_value`, `model_not_found`. */
  code?: string | null;
  /** Extra response headers, e.g. `retry-after`. */
  headers?: Record<string, string>;
}

/**
 * A refusal as OpenAI's API words it: `{ error: { message, type, param, code } }` with an HTTP
 * status. Every refusal of client input is one of these, so no input can cause a 500.
 */
export class OpenAiError extends Error {
  override readonly name = 'OpenAiError';
  readonly param: string | null;
  readonly code: string | null;
  readonly type: string;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    { param = null, code = null, headers = {} }: OpenAiErrorDetails = {},
  ) {
    super(message);
    this.param = param;
    this.code = code;
    this.type = typeOf(status);
    this.headers = headers;
  }

  toJSON(): {
    error: { message: string; type: string; param: string | null; code: string | null };
  } {
    return {
      error: { message: this.message, type: this.type, param: this.param, code: this.code },
    };
  }
}

/** Sends `error` as the whole response. */
export function sendOpenAiError(res: ServerResponse, error: OpenAiError): void {
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  sendJson(res, error.status, error);
}
