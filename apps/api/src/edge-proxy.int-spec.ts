import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startNginx, type NginxProcess } from './testing/nginx-process';

jest.setTimeout(30_000);

/** Headers a client sends to pass itself off as someone else, or to name the request it is in. */
const FORGED = {
  'x-forwarded-for': '203.0.113.7',
  'x-real-ip': '203.0.113.8',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  forwarded: 'for=203.0.113.9;host=evil.example;proto=https',
  'x-request-id': 'another-request-42',
};

/** One request through nginx with the headers given, exactly as written (fetch would add its own). */
function send(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
      );
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * The shipped edge proxy (`deploy/nginx`, in Debian's nginx) says who the client is and which
 * request this is: a client's own identity headers are never passed on as they came.
 */
describe('the deploy nginx as the edge in front of the API', () => {
  describe('what an instance receives', () => {
    let upstream: Server;
    let nginx: NginxProcess;
    const received: IncomingHttpHeaders[] = [];

    beforeAll(async () => {
      const port = await findFreePort();
      upstream = createServer((incoming, response) => {
        received.push(incoming.headers);
        response.end('{}');
      });
      await new Promise<void>((resolve) => upstream.listen(port, '127.0.0.1', resolve));
      nginx = await startNginx([port], await findFreePort());
    });

    afterAll(async () => {
      await nginx?.stop();
      await new Promise((resolve) => upstream?.close(resolve));
    });

    async function forwardedFor(headers: Record<string, string>): Promise<IncomingHttpHeaders> {
      received.length = 0;
      expect((await send(`${nginx.url}/api/me`, headers)).status).toBe(200);
      return received[0];
    }

    it('names the real peer and its own request id, whatever the client claims', async () => {
      const forwarded = await forwardedFor(FORGED);
      expect({
        'x-forwarded-for': forwarded['x-forwarded-for'],
        'x-real-ip': forwarded['x-real-ip'],
        'x-forwarded-host': forwarded['x-forwarded-host'],
        'x-forwarded-proto': forwarded['x-forwarded-proto'],
        forwarded: forwarded['forwarded'],
      }).toEqual({
        'x-forwarded-for': '127.0.0.1',
        'x-real-ip': '127.0.0.1',
        'x-forwarded-host': '127.0.0.1',
        'x-forwarded-proto': 'http',
        forwarded: undefined,
      });
      expect(forwarded['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
    });

    it('gives every request an id of its own', async () => {
      const first = await forwardedFor({});
      const second = await forwardedFor({ 'x-request-id': String(first['x-request-id']) });
      expect(first['x-forwarded-for']).toBe('127.0.0.1');
      expect(second['x-request-id']).toMatch(/^[0-9a-f]{32}$/);
      expect(second['x-request-id']).not.toBe(first['x-request-id']);
    });
  });

  describe('with the built API behind it', () => {
    let issuer: TestIssuer;
    let api: RunningApi;
    let nginx: NginxProcess;

    beforeAll(async () => {
      issuer = await TestIssuer.start();
      api = await startApi({ issuer: issuer.issuer, env: { LOG_LEVEL: 'debug' } });
      nginx = await startNginx([api.port], await findFreePort());
    });

    afterAll(async () => {
      await nginx?.stop();
      await api?.stop();
      await issuer?.stop();
    });

    it('the id the API answers with, and logs, is the proxy’s, never one the client chose', async () => {
      const answer = await send(`${nginx.url}/api/me`, FORGED);
      expect(answer.status).toBe(401);
      const requestId = answer.headers['x-request-id'];
      expect(requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'missing_token', requestId });
      const deadline = Date.now() + 5_000;
      while (!api.output().includes(`"requestId":"${requestId}"`) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(api.output()).toContain(`"requestId":"${requestId}"`);
      expect(api.output()).not.toContain(FORGED['x-request-id']);
    });
  });
});
