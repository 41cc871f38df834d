import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiFetch } from './api-fetch';
import { OracleAiApi } from './oracle-ai-api';

/** What the stand-in API does with one request. */
type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const chunk = (content: string) =>
  `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content } }] })}\n\n`;

/** Bearer over plain fetch: the shape authorizedFetch has. */
const bearer: ApiFetch = ({ url, method, headers, body, signal }) =>
  fetch(url, { method, body, signal, headers: { ...headers, authorization: 'Bearer tok' } });

describe('OracleAiApi', () => {
  let server: Server;
  let api: OracleAiApi;
  let handle: Handler;
  /** Resolves when the stand-in sees the client go away. */
  let clientGone: Promise<void>;

  beforeEach(async () => {
    let gone!: () => void;
    clientGone = new Promise((resolve) => (gone = resolve));
    server = createServer(async (req, res) => {
      let body = '';
      for await (const part of req) body += part;
      res.on('close', () => {
        if (!res.writableFinished) gone();
      });
      handle(req, res, body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    api = new OracleAiApi(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, bearer);
  });

  afterEach(() => {
    server.closeAllConnections();
    server.close();
  });

  const sse = (res: ServerResponse) =>
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });

  const refuse =
    (status: number, body: object, headers: Record<string, string> = {}): Handler =>
    (_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };

  describe('me', () => {
    it('returns the caller', async () => {
      let authorization: string | undefined;
      handle = (req, res) => {
        authorization = req.headers.authorization;
        res.end(JSON.stringify({ username: 'alice', groups: ['database'] }));
      };
      await expect(api.me()).resolves.toEqual({ username: 'alice', groups: ['database'] });
      expect(authorization).toBe('Bearer tok');
    });

    it('says to sign in again after an expired token, with the request id', async () => {
      handle = refuse(
        401,
        { code: 'token_expired', message: 'The access token has expired', requestId: 'r-1' },
        { 'www-authenticate': 'Bearer error="invalid_token"' },
      );
      await expect(api.me()).rejects.toMatchObject({
        code: 'ERR_API_REFUSED',
        status: 401,
        apiCode: 'token_expired',
        message:
          'the API answered 401 token_expired: The access token has expired; run `oracle-ai login` again (request id r-1)',
      });
    });

    it('passes on a missing group as the API words it', async () => {
      handle = refuse(403, {
        code: 'group_required',
        message: 'Requires one of the groups: database',
        requiredGroups: ['database'],
      });
      await expect(api.me()).rejects.toMatchObject({
        message: 'the API answered 403 group_required: Requires one of the groups: database',
      });
    });

    it('gives the status of an answer that is not the API’s (a proxy page), and its request id header', async () => {
      handle = (_req, res) => {
        res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'edge-9' });
        res.end('<html>Bad gateway</html>');
      };
      await expect(api.me()).rejects.toMatchObject({
        message: 'the API answered 502 (request id edge-9)',
      });
    });

    it('names the API and the reason when it cannot be reached', async () => {
      await new Promise((resolve) => server.close(resolve));
      await expect(api.me()).rejects.toMatchObject({
        code: 'ERR_API_UNAVAILABLE',
        message: `cannot reach the API at ${api.baseUrl} (ECONNREFUSED)`,
      });
    });
  });

  describe('askStreaming', () => {
    it('sends the question as an OpenAI chat request and passes on text as it arrives', async () => {
      let sent!: (value: unknown) => void;
      let firstSeen!: () => void;
      const seen = new Promise<void>((resolve) => (firstSeen = resolve));
      const request = new Promise((resolve) => (sent = resolve));
      handle = async (req, res, body) => {
        sent({ headers: req.headers, body: JSON.parse(body), method: req.method, url: req.url });
        sse(res);
        res.write(chunk('AWR '));
        // The rest only once the client has shown the first piece: nothing is buffered.
        await seen;
        res.write(': keep-alive comment\n\n');
        res.write(chunk('shows '));
        res.write(`${chunk('top SQL.').slice(0, 20)}`);
        res.write(`${chunk('top SQL.').slice(20)}data: [DONE]\n\n`);
        res.end();
      };
      const pieces: string[] = [];
      await api.askStreaming('What does AWR show?', (text) => {
        pieces.push(text);
        if (pieces.length === 1) firstSeen();
      });
      expect(pieces).toEqual(['AWR ', 'shows ', 'top SQL.']);
      expect(await request).toMatchObject({
        method: 'POST',
        url: '/api/chat/completions',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: { messages: [{ role: 'user', content: 'What does AWR show?' }], stream: true },
      });
    });

    it('reports an error event after the answer began, keeping the text already shown', async () => {
      handle = (_req, res) => {
        sse(res);
        res.write(chunk('Partial'));
        res.end(
          `data: ${JSON.stringify({ error: { code: 'assistant_unavailable', message: 'The model server stopped answering' } })}\n\n`,
        );
      };
      const pieces: string[] = [];
      await expect(api.askStreaming('q', (text) => pieces.push(text))).rejects.toMatchObject({
        code: 'ERR_ANSWER_FAILED',
        apiCode: 'assistant_unavailable',
        message:
          'the answer stopped midway (assistant_unavailable): The model server stopped answering',
      });
      expect(pieces).toEqual(['Partial']);
    });

    it('reports an answer cut off without [DONE]', async () => {
      handle = (_req, res) => {
        sse(res);
        res.end(chunk('Half an answ'));
      };
      await expect(api.askStreaming('q', () => undefined)).rejects.toMatchObject({
        code: 'ERR_ANSWER_CUT',
        message: 'the answer ended before it was complete (no [DONE])',
      });
    });

    it.each([
      [
        429,
        { code: 'rate_limited', message: 'Too many questions' },
        { 'retry-after': '12' },
        'the API answered 429 rate_limited: Too many questions; retry after 12 s',
      ],
      [
        503,
        { code: 'assistant_unavailable', message: 'No model server is configured' },
        { 'retry-after': '5' },
        'the API answered 503 assistant_unavailable: No model server is configured; retry after 5 s',
      ],
      [
        504,
        { code: 'assistant_timeout', message: 'The model server did not answer in time' },
        {},
        'the API answered 504 assistant_timeout: The model server did not answer in time',
      ],
    ])('reports a refusal %s before any answer', async (status, body, headers, message) => {
      handle = refuse(status, body, headers);
      await expect(api.askStreaming('q', () => undefined)).rejects.toMatchObject({
        code: 'ERR_API_REFUSED',
        status,
        message,
      });
    });

    it('refuses a 200 that is not a stream', async () => {
      handle = (_req, res) => res.end('{}');
      await expect(api.askStreaming('q', () => undefined)).rejects.toMatchObject({
        code: 'ERR_API_INVALID_RESPONSE',
      });
    });

    it('gives up after the idle limit, and hangs up', async () => {
      handle = (_req, res) => {
        sse(res);
        res.write(chunk('Thinking'));
      };
      await expect(
        api.askStreaming('q', () => undefined, { idleTimeoutMs: 300 }),
      ).rejects.toMatchObject({
        code: 'ERR_ANSWER_STALLED',
        message: `the API at ${api.baseUrl} sent nothing for 0 s`,
      });
      await clientGone;
    });

    it('stops when cancelled, and hangs up so the API can cancel the model', async () => {
      handle = (_req, res) => {
        sse(res);
        res.write(chunk('Long answer'));
      };
      const controller = new AbortController();
      const asked = api.askStreaming('q', () => controller.abort(), {
        signal: controller.signal,
      });
      await expect(asked).rejects.toMatchObject({ code: 'ERR_CANCELLED' });
      await clientGone;
    });
  });

  describe('ask', () => {
    it('returns the whole chat.completion, asked without streaming', async () => {
      const completion = {
        object: 'chat.completion',
        model: 'oracle-ai-dev',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Use AWR.' } }],
      };
      let body: unknown;
      handle = (_req, res, raw) => {
        body = JSON.parse(raw);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(completion));
      };
      await expect(api.ask('q')).resolves.toEqual(completion);
      expect(body).toEqual({ messages: [{ role: 'user', content: 'q' }], stream: false });
    });
  });
});
