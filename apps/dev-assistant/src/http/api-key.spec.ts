import {
  completionBody,
  postCompletion,
  startTestServer,
  type TestServer,
} from '../testing/dev-assistant-harness';

describe('with DEV_ASSISTANT_API_KEY set', () => {
  let server: TestServer;
  const body = completionBody('What is log file sync?');

  beforeAll(async () => {
    server = await startTestServer({ apiKey: 'sk-dev-secret' });
  });

  afterAll(async () => {
    await server.close();
  });

  it('answers a request with the key', async () => {
    const response = await postCompletion(server, body, {
      headers: { authorization: 'Bearer sk-dev-secret' },
    });
    expect(response.status).toBe(200);
  });

  it.each([
    ['no Authorization header', {}, 'missing_api_key'],
    ['another scheme', { authorization: 'Basic c2stZGV2LXNlY3JldA==' }, 'missing_api_key'],
    ['a wrong key', { authorization: 'Bearer sk-dev-secreT' }, 'invalid_api_key'],
    ['a prefix of the key', { authorization: 'Bearer sk-dev' }, 'invalid_api_key'],
    ['the key with more after it', { authorization: 'Bearer sk-dev-secret2' }, 'invalid_api_key'],
  ])('refuses %s with 401', async (_case, headers: Record<string, string>, code) => {
    const response = await postCompletion(server, body, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="dev-assistant"');
    const error = (await response.json()).error;
    expect(error).toEqual({
      message: expect.any(String),
      type: 'invalid_request_error',
      param: null,
      code,
    });
    expect(error.message).not.toContain('sk-dev');
  });

  it('guards /v1/models too', async () => {
    expect((await fetch(`${server.origin}/v1/models`)).status).toBe(401);
    const response = await fetch(`${server.origin}/v1/models`, {
      headers: { authorization: 'bearer sk-dev-secret' },
    });
    expect(response.status).toBe(200);
  });

  it('checks the key before reading the body, and does not take a script for a refusal', async () => {
    await fetch(`${server.origin}/test/scripts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chunks: ['scripted'] }),
    });
    expect((await postCompletion(server, '{not json')).status).toBe(401);
    const answered = await postCompletion(server, body, {
      headers: { authorization: 'Bearer sk-dev-secret' },
    });
    expect((await answered.json()).choices[0].message.content).toBe('scripted');
  });
});
