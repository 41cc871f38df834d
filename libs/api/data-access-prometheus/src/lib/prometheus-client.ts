import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { PrometheusError } from './prometheus-error';
import { parseMatrix, parseVector, type InstantSeries, type RangeSeries } from './query-result';

export interface PrometheusClientOptions {
  /** Base URL: queries go to `<url>/api/v1/…`; a path (Mimir's `/prometheus`) is kept. */
  url: string;
  /** PEM CAs trusted instead of Node's default roots. */
  ca?: string;
  /** PEM client certificate and key (mutual TLS). */
  cert?: string;
  key?: string;
  /** Sent as `Authorization: Bearer`: the source's own credential. */
  token?: string;
  /** Longest wait for a whole answer, connection included. */
  timeoutMs: number;
  /** Largest answer read; default 8 MiB. */
  maxResponseBytes?: number;
  /** Connections kept to the source at most; more queries wait for one. Default 16. */
  maxSockets?: number;
}

export interface RangeParams {
  /** Unix seconds. */
  start: number;
  end: number;
  /** Seconds. */
  step: number;
}

const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Of an error answer, enough to log what the source said. */
const MAX_ERROR_BODY_BYTES = 16 * 1024;
const MAX_DETAIL_LENGTH = 300;

/**
 * A client of the Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) as Prometheus,
 * Thanos and Mimir serve it. Queries are POSTed as a form, so they stay out of proxies' access
 * logs and URL limits. Behaviour beyond `fetch`: TLS trust and a client certificate of its own
 * (Node's global fetch cannot take a CA), one deadline per query covering connection, headers and
 * body, a bounded answer, redirects never followed, and every failure a {@link PrometheusError}
 * with a stable code.
 */
export class PrometheusClient {
  private readonly base: URL;
  private readonly agent: HttpAgent;
  private readonly maxResponseBytes: number;

  constructor(private readonly options: PrometheusClientOptions) {
    this.base = new URL(options.url.replace(/\/+$/, '') + '/');
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
    this.agent =
      this.base.protocol === 'https:'
        ? new HttpsAgent({ ...agentOptions, ca: options.ca, cert: options.cert, key: options.key })
        : new HttpAgent(agentOptions);
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  }

  /** The query's value at `time` (unix seconds). */
  async instantQuery(query: string, time: number): Promise<InstantSeries[]> {
    return parseVector(await this.post('api/v1/query', { query, time: String(time) }));
  }

  /** The query evaluated every `step` from `start` to `end`. */
  async rangeQuery(query: string, range: RangeParams): Promise<RangeSeries[]> {
    return parseMatrix(
      await this.post('api/v1/query_range', {
        query,
        start: String(range.start),
        end: String(range.end),
        step: String(range.step),
      }),
    );
  }

  /** Closes the kept connections. */
  close(): void {
    this.agent.destroy();
  }

  private post(path: string, params: Record<string, string>): Promise<unknown> {
    // The source may stop evaluating when the API stops waiting.
    const body = new URLSearchParams({
      ...params,
      timeout: `${Math.ceil(this.options.timeoutMs / 1000)}s`,
    }).toString();
    const url = new URL(path, this.base);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error: PrometheusError | undefined, value?: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error === undefined) resolve(value);
        else reject(error);
      };
      const request = send(url, {
        method: 'POST',
        agent: this.agent,
        headers: {
          accept: 'application/json',
          'accept-encoding': 'identity',
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'oracle-ai-api',
          ...(this.options.token !== undefined && {
            authorization: `Bearer ${this.options.token}`,
          }),
        },
      });
      const timer = setTimeout(() => {
        settle(
          new PrometheusError(
            'ERR_PROMETHEUS_TIMEOUT',
            `no answer within ${this.options.timeoutMs} ms`,
          ),
        );
        request.destroy();
      }, this.options.timeoutMs);
      // Once the answer has started, reading it reports its failures (a cut, a reset, its size).
      let answering = false;
      request.once('error', (error) => {
        if (!answering) settle(connectionError(error));
      });
      request.once('response', (response) => {
        answering = true;
        this.read(response).then(
          (value) => settle(undefined, value),
          (error: PrometheusError) => {
            settle(error);
            request.destroy();
          },
        );
      });
      request.end(body);
    });
  }

  private async read(response: IncomingMessage): Promise<unknown> {
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400) {
      response.resume();
      throw new PrometheusError(
        'ERR_PROMETHEUS_REDIRECT',
        `the source redirected (${status}); redirects are not followed`,
        {
          status,
        },
      );
    }
    if (status < 200 || status >= 300) {
      const text = await readBody(response, MAX_ERROR_BODY_BYTES, true);
      throw statusError(status, text);
    }
    const encoding = response.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      throw new PrometheusError(
        'ERR_PROMETHEUS_MALFORMED',
        `the source answered in an encoding not asked for (${encoding})`,
      );
    }
    const text = await readBody(response, this.maxResponseBytes, false);
    try {
      return JSON.parse(text);
    } catch {
      throw new PrometheusError(
        'ERR_PROMETHEUS_MALFORMED',
        'the source answered something that is not JSON',
      );
    }
  }
}

/** The body as text; past `limit` bytes: cut (an error body) or refused (an answer). */
function readBody(response: IncomingMessage, limit: number, truncate: boolean): Promise<string> {
  const declared = Number(response.headers['content-length']);
  if (!truncate && Number.isFinite(declared) && declared > limit) {
    response.destroy();
    return Promise.reject(tooLarge(limit));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
      } else if (truncate) {
        chunks.push(chunk.subarray(0, chunk.length - (size - limit)));
        resolve(Buffer.concat(chunks).toString('utf8'));
        response.destroy();
      } else {
        reject(tooLarge(limit));
        response.destroy();
      }
    });
    response.once('end', () => {
      ended = true;
      resolve(Buffer.concat(chunks).toString('utf8'));
    });
    response.once('error', (error) => reject(connectionError(error)));
    response.once('close', () => {
      if (!ended) reject(connectionError(new Error('the answer was cut off')));
    });
  });
}

function tooLarge(limit: number): PrometheusError {
  return new PrometheusError(
    'ERR_PROMETHEUS_TOO_LARGE',
    `the answer is larger than ${limit} bytes`,
  );
}

/** Prometheus error answers are `{ status: "error", errorType, error }`; its own query timeout is errorType `timeout`. */
function statusError(status: number, text: string): PrometheusError {
  let errorType: string | undefined;
  let error: string | undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (typeof body === 'object' && body !== null) {
    const fields = body as { errorType?: unknown; error?: unknown };
    if (typeof fields.errorType === 'string') errorType = fields.errorType.slice(0, 40);
    if (typeof fields.error === 'string') error = fields.error.slice(0, MAX_DETAIL_LENGTH);
  } else if (text !== '') {
    error = text.slice(0, MAX_DETAIL_LENGTH);
  }
  const detail = { status, errorType, error };
  if (errorType === 'timeout') {
    return new PrometheusError(
      'ERR_PROMETHEUS_TIMEOUT',
      'the source timed out evaluating the query',
      detail,
    );
  }
  return new PrometheusError('ERR_PROMETHEUS_STATUS', `the source answered ${status}`, detail);
}

const TLS_ERROR = /^(ERR_SSL_|ERR_TLS_)|CERT|SIGNATURE|SELF_SIGNED/;

function connectionError(error: Error): PrometheusError {
  if (error instanceof PrometheusError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const cause = `${code} ${error.message}`.trim().slice(0, MAX_DETAIL_LENGTH);
  if (TLS_ERROR.test(code)) {
    return new PrometheusError('ERR_PROMETHEUS_TLS', 'the TLS handshake with the source failed', {
      cause,
    });
  }
  return new PrometheusError('ERR_PROMETHEUS_UNREACHABLE', 'the source cannot be reached', {
    cause,
  });
}
