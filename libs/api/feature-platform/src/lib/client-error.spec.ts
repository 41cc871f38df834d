import Fastify, { type FastifyInstance } from 'fastify';
import { connect } from 'node:net';
import { answerClientError } from './client-error';
import { drainingServerOptions } from './draining-server';

jest.setTimeout(15_000);

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl';

describe('answerClientError', () => {
  let app: FastifyInstance;
  let port: number;
  let logs: string[];

  beforeAll(async () => {
    logs = [];
    app = Fastify({
      logger: { level: 'trace', stream: { write: (line: string) => void logs.push(line) } },
      clientErrorHandler: answerClientError,
      // Short timeouts, for the 408; the draining server checks them every second.
      ...drainingServerOptions({
        headersTimeoutMs: 200,
        requestTimeoutMs: 300,
        maxHeaderSize: 4096,
      }),
    });
    app.get('/', async () => 'ok');
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  });

  afterAll(() => app.close());

  /** Everything the server sent before it closed the connection. */
  function exchange(bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
      socket.write(bytes);
    });
  }

  function parse(answer: string) {
    const [head, body] = answer.split('\r\n\r\n');
    const [statusLine, ...lines] = head.split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => [
        line.slice(0, line.indexOf(':')).toLowerCase(),
        line.slice(line.indexOf(':') + 2),
      ]),
    );
    return { statusLine, headers, body: JSON.parse(body) as Record<string, unknown> };
  }

  it.each([
    [
      'a bare LF',
      `GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\nX: 1\r\n\r\n`,
      'HTTP/1.1 400 Bad Request',
      'HPE_CR_EXPECTED',
    ],
    [
      'headers past the limit',
      `GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\nX: ${'a'.repeat(5000)}\r\n\r\n`,
      'HTTP/1.1 431 Request Header Fields Too Large',
      'HPE_HEADER_OVERFLOW',
    ],
    [
      'headers that never end',
      `GET / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN}\r\n`,
      'HTTP/1.1 408 Request Timeout',
      'ERR_HTTP_REQUEST_TIMEOUT',
    ],
  ])(
    'answers %s in the contract shape and logs only the code',
    async (_case, bytes, status, code) => {
      logs.length = 0;
      const { statusLine, headers, body } = parse(await exchange(bytes));
      expect(statusLine).toBe(status);
      expect(headers).toMatchObject({
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'close',
      });
      expect(body).toEqual({
        statusCode: Number(status.split(' ')[1]),
        error: status.split(' ').slice(2).join(' '),
        code: 'invalid_request',
        message: expect.any(String),
        requestId: headers['x-request-id'],
      });
      expect(logs.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          level: 20,
          msg: 'client error',
          code,
          statusCode: body['statusCode'],
          requestId: body['requestId'],
        }),
      ]);
      expect(logs.join('')).not.toContain('rawPacket');
      expect(logs.join('')).not.toContain('eyJ');
    },
  );

  it('leaves a well-formed request to the app', async () => {
    const answer = await exchange('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });
});
