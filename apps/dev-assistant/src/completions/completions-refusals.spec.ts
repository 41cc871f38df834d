import { request as httpRequest } from 'node:http';
import {
  completionBody,
  loggedRequests,
  postCompletion,
  startTestServer,
  type TestServer,
} from '../testing/dev-assistant-harness';
import { BODY_LIMIT_BYTES } from './completions-route';

jest.setTimeout(15_000);

const user = (content: unknown) => ({ role: 'user', content });

describe('POST /v1/chat/completions refuses', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    await server.close();
  });

  it.each([
    ['a body that is not an object', [], null, 'invalid_type'],
    ['no model', { messages: [user('hi')] }, 'model', 'missing_required_parameter'],
    ['a model that is not a string', { model: 7, messages: [user('hi')] }, 'model', 'invalid_type'],
    ['no messages', { model: 'oracle-ai-dev' }, 'messages', 'missing_required_parameter'],
    [
      'messages that are not an array',
      { model: 'oracle-ai-dev', messages: 'hi' },
      'messages',
      'invalid_type',
    ],
    ['no message at all', { model: 'oracle-ai-dev', messages: [] }, 'messages', 'empty_array'],
    [
      'a message that is not an object',
      { model: 'oracle-ai-dev', messages: ['hi'] },
      'messages[0]',
      'invalid_type',
    ],
    [
      'a message without a role',
      { model: 'oracle-ai-dev', messages: [{ content: 'hi' }] },
      'messages[0].role',
      'missing_required_parameter',
    ],
    [
      'an unknown role',
      { model: 'oracle-ai-dev', messages: [{ role: 'wizard', content: 'hi' }] },
      'messages[0].role',
      'invalid_value',
    ],
    [
      'a tool message',
      { model: 'oracle-ai-dev', messages: [user('hi'), { role: 'tool', content: 'x' }] },
      'messages[1].role',
      'invalid_value',
    ],
    [
      'a message without content',
      { model: 'oracle-ai-dev', messages: [{ role: 'user' }] },
      'messages[0].content',
      'missing_required_parameter',
    ],
    [
      'a content that is a number',
      { model: 'oracle-ai-dev', messages: [user(42)] },
      'messages[0].content',
      'invalid_type',
    ],
    [
      'an image part',
      {
        model: 'oracle-ai-dev',
        messages: [user([{ type: 'image_url', image_url: { url: 'http://x' } }])],
      },
      'messages[0].content[0]',
      'invalid_type',
    ],
    [
      'stream that is not a boolean',
      completionBody('hi', { stream: 'yes' }),
      'stream',
      'invalid_type',
    ],
    [
      'stream_options without stream',
      completionBody('hi', { stream_options: { include_usage: true } }),
      'stream_options',
      'invalid_value',
    ],
    [
      'stream_options that is not an object',
      completionBody('hi', { stream: true, stream_options: true }),
      'stream_options',
      'invalid_type',
    ],
    [
      'include_usage that is not a boolean',
      completionBody('hi', { stream: true, stream_options: { include_usage: 1 } }),
      'stream_options.include_usage',
      'invalid_type',
    ],
    ['max_tokens of 0', completionBody('hi', { max_tokens: 0 }), 'max_tokens', 'invalid_value'],
    [
      'max_tokens as a string',
      completionBody('hi', { max_tokens: '10' }),
      'max_tokens',
      'invalid_type',
    ],
    [
      'max_completion_tokens of 1.5',
      completionBody('hi', { max_completion_tokens: 1.5 }),
      'max_completion_tokens',
      'invalid_value',
    ],
    [
      'a temperature of 3',
      completionBody('hi', { temperature: 3 }),
      'temperature',
      'invalid_value',
    ],
    ['a top_p as a string', completionBody('hi', { top_p: '1' }), 'top_p', 'invalid_type'],
    ['n of 2', completionBody('hi', { n: 2 }), 'n', 'invalid_value'],
  ])('%s with 400 and an OpenAI-style error', async (_case, body, param, code) => {
    const response = await postCompletion(server, body);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      error: { message: expect.any(String), type: 'invalid_request_error', param, code },
    });
  });

  it('names the values it supports for a role', async () => {
    const response = await postCompletion(server, {
      model: 'oracle-ai-dev',
      messages: [{ role: 'developer', content: 'hi' }],
    });
    expect((await response.json()).error.message).toBe(
      "Invalid value for 'messages[0].role': \"developer\" (not supported by this server). Supported values are: 'system', 'user' and 'assistant'.",
    );
  });

  it('an unknown model with 404 model_not_found', async () => {
    const response = await postCompletion(server, { ...completionBody('hi'), model: 'gpt-4o' });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: 'The model "gpt-4o" does not exist: this server serves "oracle-ai-dev".',
        type: 'invalid_request_error',
        param: 'model',
        code: 'model_not_found',
      },
    });
  });

  it.each([
    ['malformed JSON', '{"model": "oracle-ai-dev", "messages": [', 'invalid_json'],
    [
      'JSON that is not UTF-8',
      Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
      'invalid_json',
    ],
  ])('%s with 400', async (_case, body, code) => {
    const response = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ type: 'invalid_request_error', code });
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['no content type', undefined],
  ])('a body sent as %s with 400', async (_case, contentType) => {
    const response = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: contentType ? { 'content-type': contentType } : {},
      body: new Blob([JSON.stringify(completionBody('hi'))]),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).error.code).toBe('invalid_content_type');
  });

  it('takes application/json with a charset', async () => {
    const response = await postCompletion(server, completionBody('hi'), {
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(response.status).toBe(200);
  });

  it('a body over the limit with 413, and keeps serving', async () => {
    const big = completionBody('x'.repeat(BODY_LIMIT_BYTES));
    const response = await postCompletion(server, big);
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      error: {
        message: `The request body is larger than this server accepts (${BODY_LIMIT_BYTES} bytes).`,
        type: 'invalid_request_error',
        param: null,
        code: 'request_too_large',
      },
    });
    expect((await postCompletion(server, completionBody('hi'))).status).toBe(200);
  });

  it('a body declared far over the limit at once, without reading it, closing the connection', async () => {
    const { status, connection } = await new Promise<{ status?: number; connection?: string }>(
      (resolve, reject) => {
        const req = httpRequest(`${server.origin}/v1/chat/completions`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': String(64 * BODY_LIMIT_BYTES),
          },
        });
        req.once('response', (res) => {
          res.resume();
          resolve({ status: res.statusCode, connection: res.headers.connection });
          req.destroy();
        });
        req.once('error', reject);
        req.write('{"model":');
      },
    );
    expect(status).toBe(413);
    expect(connection).toBe('close');
  });

  it('logs refused requests too, with the body when it was JSON', async () => {
    await fetch(`${server.origin}/test/reset`, { method: 'POST' });
    await postCompletion(server, { model: 'oracle-ai-dev', messages: [] });
    await postCompletion(server, '{oops');
    const [empty, malformed] = await loggedRequests(server);
    expect(empty).toMatchObject({
      body: { model: 'oracle-ai-dev', messages: [] },
      status: 400,
      finished: true,
      clientAborted: false,
      chunksSent: 0,
      scriptId: null,
    });
    expect(malformed).toMatchObject({ body: null, status: 400, finished: true });
  });
});
