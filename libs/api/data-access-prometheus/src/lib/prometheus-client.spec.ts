import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from '@oracle-ai/shared/testing-tls';
import { PrometheusClient, type PrometheusClientOptions } from './prometheus-client';
import type { PrometheusError } from './prometheus-error';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface Recorded {
  method?: string;
  url?: string;
  headers: IncomingMessage['headers'];
  form: Record<string, string>;
}

/** A loopback HTTP(S) server answering with `handler`, recording every request. */
async function serve(
  handler: Handler,
  tls?: object,
): Promise<{ url: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      requests.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        form: Object.fromEntries(new URLSearchParams(body)),
      });
      handler(request, body, response);
    });
  };
  const server: Server = tls ? createHttpsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https://localhost' : 'http://127.0.0.1'}:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const json =
  (status: number, body: unknown) => (_: IncomingMessage, __: string, response: ServerResponse) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

const VECTOR = {
  status: 'success',
  data: {
    resultType: 'vector',
    result: [
      { metric: { database: 'finprod' }, value: [1796500000.5, '1'] },
      { metric: { database: 'dwh' }, value: [1796500000.5, 'NaN'] },
    ],
  },
};

const MATRIX = {
  status: 'success',
  data: {
    resultType: 'matrix',
    result: [
      {
        metric: { wait_class: 'user_io' },
        values: [
          [1796500000, '0.25'],
          [1796500015, '+Inf'],
        ],
      },
    ],
  },
};

async function failure(promise: Promise<unknown>): Promise<PrometheusError> {
  try {
    await promise;
  } catch (error) {
    return error as PrometheusError;
  }
  throw new Error('expected a failure');
}

describe('PrometheusClient', () => {
  const clients: PrometheusClient[] = [];
  const client = (options: Partial<PrometheusClientOptions> & { url: string }) => {
    const created = new PrometheusClient({ timeoutMs: 2_000, ...options });
    clients.push(created);
    return created;
  };

  afterEach(() => {
    for (const created of clients.splice(0)) created.close();
  });

  describe('answers', () => {
    it('POSTs an instant query as a form under the base path, with the source token, and parses the vector', async () => {
      const source = await serve(json(200, VECTOR));
      try {
        const result = await client({
          url: `${source.url}/prometheus/`,
          token: 'source-token',
          timeoutMs: 4_000,
        }).instantQuery('max by (database) (oracledb_up)', 1796500000.5);
        expect(result).toEqual([
          { labels: { database: 'finprod' }, sample: [1796500000.5, 1] },
          { labels: { database: 'dwh' }, sample: [1796500000.5, NaN] },
        ]);
        expect(source.requests).toEqual([
          {
            method: 'POST',
            url: '/prometheus/api/v1/query',
            headers: expect.objectContaining({
              authorization: 'Bearer source-token',
              'content-type': 'application/x-www-form-urlencoded',
              accept: 'application/json',
            }),
            form: { query: 'max by (database) (oracledb_up)', time: '1796500000.5', timeout: '4s' },
          },
        ]);
      } finally {
        await source.close();
      }
    });

    it('asks for a range and parses the matrix, special values included', async () => {
      const source = await serve(json(200, MATRIX));
      try {
        const result = await client({ url: source.url }).rangeQuery('rate(x[2m])', {
          start: 1796500000,
          end: 1796503600,
          step: 15,
        });
        expect(result).toEqual([
          {
            labels: { wait_class: 'user_io' },
            samples: [
              [1796500000, 0.25],
              [1796500015, Infinity],
            ],
          },
        ]);
        expect(source.requests[0]).toMatchObject({
          url: '/api/v1/query_range',
          form: {
            query: 'rate(x[2m])',
            start: '1796500000',
            end: '1796503600',
            step: '15',
            timeout: '2s',
          },
        });
        expect(source.requests[0].headers['authorization']).toBeUndefined();
      } finally {
        await source.close();
      }
    });

    it('form-encodes a query whatever characters it holds', async () => {
      const source = await serve(json(200, VECTOR));
      try {
        const query = 'x{a="&b=c; %20 \\"\\n é"} + 1';
        await client({ url: source.url }).instantQuery(query, 1);
        expect(source.requests[0].form['query']).toBe(query);
        expect(source.requests[0].url).toBe('/api/v1/query');
      } finally {
        await source.close();
      }
    });
  });

  describe('failures, each with its code', () => {
    it.each([
      [
        400,
        { status: 'error', errorType: 'bad_data', error: 'parse error at char 3' },
        'ERR_PROMETHEUS_STATUS',
        { status: 400, errorType: 'bad_data', error: 'parse error at char 3' },
      ],
      [
        422,
        { status: 'error', errorType: 'execution', error: 'too many samples' },
        'ERR_PROMETHEUS_STATUS',
        { status: 422, errorType: 'execution', error: 'too many samples' },
      ],
      [
        503,
        {
          status: 'error',
          errorType: 'timeout',
          error: 'query timed out in expression evaluation',
        },
        'ERR_PROMETHEUS_TIMEOUT',
        { status: 503, errorType: 'timeout' },
      ],
      [
        429,
        'rate limited by the gateway',
        'ERR_PROMETHEUS_STATUS',
        { status: 429, error: '"rate limited by the gateway"' },
      ],
    ])('a %s answer', async (status, body, code, detail) => {
      const source = await serve(json(status, body));
      try {
        const error = await failure(client({ url: source.url }).instantQuery('up', 1));
        expect(error).toMatchObject({
          name: 'PrometheusError',
          code,
          detail: expect.objectContaining(detail),
        });
      } finally {
        await source.close();
      }
    });

    it('a redirect is not followed, wherever it points', async () => {
      const elsewhere = await serve(json(200, VECTOR));
      const source = await serve((_, __, response) => {
        response.writeHead(307, { location: `${elsewhere.url}/api/v1/query` });
        response.end();
      });
      try {
        const error = await failure(client({ url: source.url, token: 't' }).instantQuery('up', 1));
        expect(error).toMatchObject({ code: 'ERR_PROMETHEUS_REDIRECT', detail: { status: 307 } });
        expect(elsewhere.requests).toEqual([]);
      } finally {
        await source.close();
        await elsewhere.close();
      }
    });

    it('an answer over the limit is refused, declared or streamed', async () => {
      const big = JSON.stringify({ ...MATRIX, padding: 'x'.repeat(64 * 1024) });
      const declared = await serve(json(200, JSON.parse(big)));
      const streamed = await serve((_, __, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let i = 0; i < 64; i++) response.write('x'.repeat(1024));
        response.end();
      });
      try {
        for (const source of [declared, streamed]) {
          const error = await failure(
            client({ url: source.url, maxResponseBytes: 32 * 1024 }).rangeQuery('x', {
              start: 0,
              end: 1,
              step: 1,
            }),
          );
          expect(error).toMatchObject({
            code: 'ERR_PROMETHEUS_TOO_LARGE',
            message: 'the answer is larger than 32768 bytes',
          });
        }
      } finally {
        await declared.close();
        await streamed.close();
      }
    });

    it('a source that never answers, or stops mid-answer, times out within the deadline', async () => {
      const silent = await serve(() => undefined);
      const stalled = await serve((_, __, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"status":"success","data":');
      });
      try {
        for (const source of [silent, stalled]) {
          const started = Date.now();
          const error = await failure(
            client({ url: source.url, timeoutMs: 300 }).instantQuery('up', 1),
          );
          expect(error).toMatchObject({
            code: 'ERR_PROMETHEUS_TIMEOUT',
            message: 'no answer within 300 ms',
          });
          expect(Date.now() - started).toBeLessThan(2_000);
        }
      } finally {
        await silent.close();
        await stalled.close();
      }
    });

    it('a closed port is unreachable; so is a connection reset mid-answer', async () => {
      const closed = await serve(json(200, VECTOR));
      await closed.close();
      expect(await failure(client({ url: closed.url }).instantQuery('up', 1))).toMatchObject({
        code: 'ERR_PROMETHEUS_UNREACHABLE',
        detail: { cause: expect.stringMatching(/^ECONNREFUSED/) },
      });
      const reset = await serve((request, _, response) => {
        response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        response.write('{"status":');
        setTimeout(() => request.socket.destroy(), 20);
      });
      try {
        expect(await failure(client({ url: reset.url }).instantQuery('up', 1))).toMatchObject({
          code: 'ERR_PROMETHEUS_UNREACHABLE',
        });
      } finally {
        await reset.close();
      }
    });

    it.each([
      ['not JSON', 'pong', 'the source answered something that is not JSON'],
      ['an error status in a 200', { status: 'error' }, 'the source answered status "error"'],
      [
        'another result type',
        { status: 'success', data: { resultType: 'scalar', result: [1, '1'] } },
        'the source answered result type "scalar", not vector',
      ],
      [
        'a bad sample',
        {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [1, 2] }] },
        },
        'the source answered a sample that is not [time, "value"]',
      ],
      [
        'a bad label',
        {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: { a: 1 }, value: [1, '2'] }] },
        },
        'the source answered a label value that is not a string',
      ],
      [
        'a value that is no number',
        {
          status: 'success',
          data: { resultType: 'vector', result: [{ metric: {}, value: [1, 'abc'] }] },
        },
        'the source answered a sample value that is not a number',
      ],
    ])('%s is malformed', async (_, body, message) => {
      const source = await serve((__, ___, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
      try {
        expect(await failure(client({ url: source.url }).instantQuery('up', 1))).toMatchObject({
          code: 'ERR_PROMETHEUS_MALFORMED',
          message,
        });
      } finally {
        await source.close();
      }
    });
  });

  describe('TLS', () => {
    let pki: TestPki;
    let source: Awaited<ReturnType<typeof serve>>;

    beforeAll(async () => {
      pki = createTestPki();
      // Mutual TLS: the source asks for a client certificate from its CA and refuses any other.
      source = await serve(json(200, VECTOR), {
        cert: pki.serverCert.pem,
        key: pki.serverKey.pem,
        ca: pki.ca.pem,
        requestCert: true,
        rejectUnauthorized: true,
      });
    });

    afterAll(async () => {
      await source.close();
      pki.remove();
    });

    it('trusts the configured CA and presents the client certificate', async () => {
      const result = await client({
        url: source.url,
        ca: pki.ca.pem,
        cert: pki.clientCert.pem,
        key: pki.clientKey.pem,
      }).instantQuery('up', 1);
      expect(result).toHaveLength(2);
    });

    it('refuses a server its CA did not sign', async () => {
      const error = await failure(
        client({
          url: source.url,
          ca: pki.otherCa.pem,
          cert: pki.clientCert.pem,
          key: pki.clientKey.pem,
        }).instantQuery('up', 1),
      );
      expect(error).toMatchObject({
        code: 'ERR_PROMETHEUS_TLS',
        detail: { cause: expect.stringMatching(/certificate/) },
      });
    });

    it('without Node’s default roots unless configured: the test CA is not trusted by default', async () => {
      const error = await failure(
        client({ url: source.url, cert: pki.clientCert.pem, key: pki.clientKey.pem }).instantQuery(
          'up',
          1,
        ),
      );
      expect(error.code).toBe('ERR_PROMETHEUS_TLS');
    });

    it('fails when the source refuses the client certificate', async () => {
      const noCertificate = await failure(
        client({ url: source.url, ca: pki.ca.pem }).instantQuery('up', 1),
      );
      const stranger = await failure(
        client({
          url: source.url,
          ca: pki.ca.pem,
          cert: pki.strangerCert.pem,
          key: pki.strangerKey.pem,
        }).instantQuery('up', 1),
      );
      for (const error of [noCertificate, stranger]) {
        expect(['ERR_PROMETHEUS_TLS', 'ERR_PROMETHEUS_UNREACHABLE']).toContain(error.code);
      }
      expect(
        source.requests.filter((request) => request.headers.authorization !== undefined),
      ).toEqual([]);
    });
  });
});
