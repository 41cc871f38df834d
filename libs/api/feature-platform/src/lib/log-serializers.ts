/** What a log line says of an error: its kind, message and stack, never what else it carries. */
export type LoggedError = {
  type: string;
  message: string;
  stack: string;
  code?: string;
  statusCode?: number;
  cause?: LoggedError;
};

/** Any JWT (an access token, a DPoP proof): `{"` base64url-encoded starts every JOSE header. */
const JWT = /eyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** Causes followed this deep; a cycle or a long chain ends there. */
const MAX_CAUSE_DEPTH = 3;

/**
 * The logger's serializers (pino `serializers`), replacing Fastify's: each names the fields it
 * keeps, so nothing an object carries besides them reaches a log line. Node's parser errors carry
 * the raw request bytes (`rawPacket`, Authorization included); client and library errors can carry
 * headers, configs or requests. A message or stack still quoting a JWT has it replaced.
 */
export const LOG_SERIALIZERS = {
  err: serializeError,
  /** Never headers (Authorization, DPoP) nor the query string. */
  req: (request: { method: string; url: string }) => ({
    method: request.method,
    path: request.url.split('?')[0],
  }),
  res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
};

/**
 * The API's logger options: its level, the serializers above, and a hook that replaces any JWT in
 * a message string — Fastify quotes `request.url`, query included, in warnings of its own.
 */
export function apiLoggerOptions(level: string) {
  return {
    level,
    serializers: LOG_SERIALIZERS,
    hooks: {
      logMethod(this: unknown, args: unknown[], write: (...args: unknown[]) => void): void {
        write.apply(
          this,
          args.map((arg) => (typeof arg === 'string' ? withoutJwts(arg) : arg)),
        );
      },
    },
  };
}

export function serializeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) {
    // A thrown string or object may hold anything: only its kind is logged.
    return { type: typeof error, message: 'a value that is not an Error was thrown', stack: '' };
  }
  const logged: LoggedError = {
    type: error.name,
    message: withoutJwts(error.message),
    stack: withoutJwts(error.stack ?? ''),
  };
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (typeof code === 'string' && /^[\w.-]{1,64}$/.test(code)) logged.code = code;
  if (typeof statusCode === 'number') logged.statusCode = statusCode;
  if (error.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    logged.cause = serializeError(error.cause, depth + 1);
  }
  return logged;
}

function withoutJwts(text: string): string {
  return text.replace(JWT, '[JWT]');
}
