import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { FakeModelServer } from '@oracle-ai/api/data-access-model-server/testing';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startPrometheus, type RunningPrometheus } from '@oracle-ai/shared/testing-prometheus';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app';
import { testConfig } from '../testing/test-config';
import { generateOpenApiDocument } from './openapi-document';

interface ResponseObject {
  headers?: Record<string, unknown>;
  content?: Record<string, unknown>;
}

/**
 * Real responses of every route and every error a client can cause, checked against what the
 * OpenAPI document declares for that path and status: body schema and headers.
 */
describe('responses match the OpenAPI document', () => {
  let issuer: TestIssuer;
  let app: FastifyInstance;
  let down: FastifyInstance;
  let prometheus: RunningPrometheus;
  let historyDir: string;
  let document: Record<string, unknown>;
  let ajv: Ajv2020;
  const checked = new Set<string>();

  beforeAll(async () => {
    document = await generateOpenApiDocument();
    ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
    addFormats(ajv);
    issuer = await TestIssuer.start();
    prometheus = await startPrometheus({ backfill: [analyticsHistory()] });
    app = await buildApp(testConfig(issuer.issuer, { ANALYTICS_PROMETHEUS_URL: prometheus.url }), {
      logger: false,
    });
    // Keys load in the background once the app is ready.
    for (let i = 0; i < 100 && (await app.inject('/readyz')).statusCode !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const stopped = await TestIssuer.start();
    await stopped.stop();
    down = await buildApp(testConfig(stopped.issuer), { logger: false });
  });

  afterAll(async () => {
    await app.close();
    await down.close();
    await issuer.stop();
    await prometheus.stop();
    rmSync(historyDir, { recursive: true, force: true });
    // Every declared response of every operation was produced by some request above.
    const paths = document['paths'] as Record<string, Record<string, { responses: object }>>;
    const declared = Object.entries(paths).flatMap(([path, operations]) =>
      Object.values(operations).flatMap((operation) =>
        Object.keys(operation.responses).map((status) => `${path} ${status}`),
      ),
    );
    // A 500 is a bug: nothing a client sends produces one.
    expect(declared.filter((entry) => !checked.has(entry) && !entry.endsWith(' 500'))).toEqual([]);
  });

  /** What a strict JSON Schema 2020-12 validator finds wrong with the body; [] when it conforms. */
  function bodyErrors(declared: ResponseObject, response: LightMyRequestResponse): unknown[] {
    const schema = (declared.content?.['application/json'] as { schema: object }).schema;
    const validate = ajv.compile(schema);
    return validate(response.json()) ? [] : (validate.errors ?? []);
  }

  function declaredResponse(path: string, status: number): ResponseObject {
    const paths = document['paths'] as Record<
      string,
      Record<string, { responses: Record<string, ResponseObject> }>
    >;
    const [operation] = Object.values(paths[path] ?? {});
    const response = operation?.responses[String(status)];
    if (response === undefined) throw new Error(`${path} declares no ${status} response`);
    return response;
  }

  function expectConforms(
    path: string,
    response: LightMyRequestResponse,
    status: number,
    { headers = true } = {},
  ) {
    expect([path, response.statusCode]).toEqual([path, status]);
    const declared = declaredResponse(path, status);
    const type = String(response.headers['content-type']).split(';')[0];
    expect([path, status, type in (declared.content ?? {})]).toEqual([path, status, true]);
    if (type === 'application/json') {
      expect([path, status, bodyErrors(declared, response)]).toEqual([path, status, []]);
    }
    for (const header of headers ? Object.keys(declared.headers ?? {}) : []) {
      expect([path, status, header, response.headers[header.toLowerCase()]]).toEqual([
        path,
        status,
        header,
        expect.any(String),
      ]);
    }
    checked.add(`${path} ${status}`);
  }

  const bearerOf = (token: string) => ({ authorization: `Bearer ${token}` });

  /** A database the figures source knows: its `up` and DB time over the last minutes. */
  function analyticsHistory(): string {
    historyDir = mkdtempSync(join(tmpdir(), 'openapi-conformance-'));
    const now = Math.floor(Date.now() / 1000);
    const lines = ['# TYPE oracledb_up gauge'];
    for (let ago = 600; ago >= 0; ago -= 15)
      lines.push(`oracledb_up{database="db1",job="oracledb",instance="i"} 1 ${now - ago}`);
    lines.push('# TYPE oracledb_time_model_db_time unknown');
    for (let ago = 600; ago >= 0; ago -= 15) {
      lines.push(
        `oracledb_time_model_db_time{database="db1",inst_id="1",job="oracledb",instance="i"} ${2 * (600 - ago)} ${now - ago}`,
      );
    }
    const file = join(historyDir, 'history.om');
    writeFileSync(file, `${lines.join('\n')}\n# EOF\n`);
    return file;
  }

  const get = (instance: FastifyInstance, url: string, token?: string) =>
    instance.inject({ url, headers: token ? { authorization: `Bearer ${token}` } : {} });

  it('public routes', async () => {
    for (const path of [
      '/healthz',
      '/readyz',
      '/.well-known/oauth-protected-resource',
      '/openapi.json',
    ]) {
      expectConforms(path, await get(app, path), 200);
    }
    expectConforms('/readyz', await down.inject('/readyz'), 503);
  });

  const PANEL_PATH = '/api/analytics/databases/{db}/panels/{panel}';
  const EVIDENCE_PATH = '/api/analytics/databases/{db}/evidence';
  /** The last ten minutes but one: within the history. */
  const evidenceWindow = () => {
    const now = Math.floor(Date.now() / 1000);
    return `from=${now - 600}&to=${now - 60}`;
  };

  it.each([
    ['/api/me', '/api/me'],
    ['/api/chat', '/api/chat'],
    ['/api/analytics', '/api/analytics'],
    [PANEL_PATH, '/api/analytics/databases/db1/panels/db-time'],
    [EVIDENCE_PATH, `/api/analytics/databases/db1/evidence?${evidenceWindow()}`],
  ])('%s: answer and every refusal', async (path, url) => {
    const now = Math.floor(Date.now() / 1000);
    expectConforms(path, await get(app, url, await issuer.mint()), 200);
    const malformed = await app.inject({ url, headers: { authorization: 'Bearer a b' } });
    expectConforms(path, malformed, 400);
    expectConforms(path, await get(app, url), 401);
    const expired = await issuer.mint({ claims: { iat: now - 600, exp: now - 120 } });
    expectConforms(path, await get(app, url, expired), 401);
    const noGroup = await issuer.mint({ claims: { groups: [] } });
    expectConforms(path, await get(app, url, noGroup), 403);
    expectConforms(path, await get(down, url, await issuer.mint()), 503);
  });

  it('analytics: a database the caller may not see, no source, a source that stalls', async () => {
    const token = await issuer.mint();
    const panel = '/api/analytics/databases/db1/panels/db-time';
    expectConforms(
      PANEL_PATH,
      await get(app, '/api/analytics/databases/nope/panels/db-time', token),
      404,
    );
    expectConforms(
      PANEL_PATH,
      await get(app, '/api/analytics/databases/db1/panels/nope', token),
      404,
    );
    // A bad range is a 400 without the challenge an access-token refusal carries.
    const badRange = await get(app, `${panel}?from=yesterday`, token);
    expect([badRange.statusCode, bodyErrors(declaredResponse(PANEL_PATH, 400), badRange)]).toEqual([
      400,
      [],
    ]);
    expect(badRange.headers['www-authenticate']).toBeUndefined();
    const evidence = `/api/analytics/databases/db1/evidence?${evidenceWindow()}`;
    expectConforms(
      EVIDENCE_PATH,
      await get(app, `/api/analytics/databases/nope/evidence?${evidenceWindow()}`, token),
      404,
    );
    const badWindow = await get(app, '/api/analytics/databases/db1/evidence?from=1', token);
    expect([
      badWindow.statusCode,
      bodyErrors(declaredResponse(EVIDENCE_PATH, 400), badWindow),
    ]).toEqual([400, []]);
    const unconfigured = await buildApp(testConfig(issuer.issuer), { logger: false });
    // Accepts connections and never answers.
    const stalling: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const stalled = await buildApp(
      testConfig(issuer.issuer, {
        ANALYTICS_PROMETHEUS_URL: `http://127.0.0.1:${(stalling.address() as { port: number }).port}`,
        ANALYTICS_TIMEOUT_S: '1',
      }),
      { logger: false },
    );
    try {
      for (const [path, url] of [
        ['/api/analytics', '/api/analytics'],
        [PANEL_PATH, panel],
        [EVIDENCE_PATH, evidence],
      ]) {
        const none = await get(unconfigured, url, token);
        expectConforms(path, none, 503);
        expect(none.json()).toMatchObject({ code: 'analytics_unavailable' });
        const late = await get(stalled, url, token);
        expectConforms(path, late, 504);
        expect(late.json()).toMatchObject({ code: 'analytics_timeout' });
      }
    } finally {
      await unconfigured.close();
      await stalled.close();
      stalling.close();
    }
  });

  it('/api/me: each refusal code a client can cause, as documented for its status', async () => {
    const now = Math.floor(Date.now() / 1000);
    const valid = await issuer.mint();
    const [head, payload, signature = ''] = valid.split('.');
    const withHeader = (header: object) =>
      Buffer.from(JSON.stringify(header)).toString('base64url');
    const cases: [string, Record<string, string>][] = [
      ['invalid_request', { authorization: 'Bearer a b' }],
      ['missing_token', {}],
      ['invalid_token', { authorization: 'Bearer not-a-jwt' }],
      [
        'invalid_signature',
        {
          authorization: `Bearer ${head}.${payload}.${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`,
        },
      ],
      ['invalid_issuer', bearerOf(await issuer.mint({ claims: { iss: 'https://other.example' } }))],
      ['invalid_audience', bearerOf(await issuer.mint({ claims: { aud: 'another-api' } }))],
      [
        'token_expired',
        bearerOf(await issuer.mint({ claims: { iat: now - 600, exp: now - 120 } })),
      ],
      ['token_not_yet_valid', bearerOf(await issuer.mint({ claims: { nbf: now + 600 } }))],
      ['missing_claim', bearerOf(await issuer.mint({ omit: ['sub'] }))],
      [
        'unsupported_algorithm',
        {
          authorization: `Bearer ${withHeader({ alg: 'HS256', typ: 'at+jwt' })}.${payload}.${signature}`,
        },
      ],
      ['unknown_signing_key', bearerOf(await issuer.mint({ header: { kid: 'no-such-key' } }))],
      ['invalid_token_type', bearerOf(await issuer.mint({ claims: { typ: 'Refresh' } }))],
      [
        'invalid_dpop_proof',
        // Bound to a key, presented without the proof it needs.
        {
          authorization: `DPoP ${await issuer.mint({ claims: { cnf: { jkt: 'a'.repeat(43) } } })}`,
        },
      ],
      ['group_required', bearerOf(await issuer.mint({ claims: { groups: [] } }))],
    ];
    const produced: string[] = [];
    for (const [, headers] of cases) {
      const response = await app.inject({ url: '/api/me', headers });
      expectConforms('/api/me', response, response.statusCode);
      produced.push(response.json<{ code: string }>().code);
    }
    expect(produced).toEqual(cases.map(([code]) => code));
  });

  describe('/api/chat/completions', () => {
    let model: FakeModelServer;
    let chat: FastifyInstance;
    const path = '/api/chat/completions';
    const question = { messages: [{ role: 'user', content: 'Why is it slow?' }] };

    beforeAll(async () => {
      model = await FakeModelServer.start();
      chat = await buildApp(
        testConfig(issuer.issuer, {
          CHAT_MODEL_URL: model.baseUrl,
          CHAT_TIMEOUT_S: '1',
          CHAT_RATE_PER_MINUTE: '4',
        }),
        { logger: false },
      );
    });

    afterAll(async () => {
      await chat.close();
      await model.stop();
    });

    const ask = async (
      body: unknown,
      { type = 'application/json', token }: { type?: string; token?: string | null } = {},
    ) =>
      chat.inject({
        method: 'POST',
        url: path,
        headers: {
          'content-type': type,
          ...(token !== null && { authorization: `Bearer ${token ?? (await issuer.mint())}` }),
        },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('the answer, as JSON and as an event stream, and every refusal', async () => {
      expectConforms(path, await ask(question), 200);
      const stream = await ask({ ...question, stream: true });
      expect(stream.body.endsWith('data: [DONE]\n\n')).toBe(true);
      expectConforms(path, stream, 200);
      expectConforms(path, await ask(question, { token: 'a b' }), 400);
      // A refused body is a 400 too, without a challenge (nothing is wrong with the token).
      const body = await ask({ messages: [] });
      expect(body.headers['www-authenticate']).toBeUndefined();
      expectConforms(path, body, 400, { headers: false });
      expectConforms(path, await ask(question, { token: null }), 401);
      const noChat = await issuer.mint({ claims: { groups: ['database'] } });
      expectConforms(path, await ask(question, { token: noChat }), 403);
      const large = { messages: [{ role: 'user', content: 'x'.repeat(300_000) }] };
      expectConforms(path, await ask(large), 413);
      expectConforms(path, await ask(JSON.stringify(question), { type: 'text/plain' }), 415);
      model.script({ status: 500 });
      expectConforms(path, await ask(question), 503);
      model.script({ firstChunkDelayMs: 3_000 });
      expectConforms(path, await ask(question), 504);
      expectConforms(path, await ask(question), 429);
    });
  });

  describe('/api/analytics/databases/{db}/explanations', () => {
    let model: FakeModelServer;
    let explaining: FastifyInstance;
    const path = '/api/analytics/databases/{db}/explanations';

    beforeAll(async () => {
      model = await FakeModelServer.start();
      explaining = await buildApp(
        testConfig(issuer.issuer, {
          ANALYTICS_PROMETHEUS_URL: prometheus.url,
          CHAT_MODEL_URL: model.baseUrl,
          CHAT_TIMEOUT_S: '1',
          CHAT_RATE_PER_MINUTE: '4',
        }),
        { logger: false },
      );
    });

    afterAll(async () => {
      await explaining.close();
      await model.stop();
    });

    const explain = async (
      body: unknown,
      {
        type = 'application/json',
        token,
        db = 'db1',
      }: { type?: string; token?: string | null; db?: string } = {},
    ) =>
      explaining.inject({
        method: 'POST',
        url: `/api/analytics/databases/${db}/explanations`,
        headers: {
          'content-type': type,
          ...(token !== null && { authorization: `Bearer ${token ?? (await issuer.mint())}` }),
        },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('the explanation as an event stream, and every refusal', async () => {
      const now = Math.floor(Date.now() / 1000);
      const window = { from: now - 600, to: now - 60 };
      const stream = await explain(window);
      expect(stream.body.endsWith('data: [DONE]\n\n')).toBe(true);
      expectConforms(path, stream, 200);
      expectConforms(path, await explain(window, { token: 'a b' }), 400);
      const body = await explain({ from: now - 600 });
      expect(body.headers['www-authenticate']).toBeUndefined();
      expectConforms(path, body, 400, { headers: false });
      expectConforms(path, await explain(window, { token: null }), 401);
      const noChat = await issuer.mint({ claims: { groups: ['database'] } });
      expectConforms(path, await explain(window, { token: noChat }), 403);
      expectConforms(path, await explain(window, { db: 'nope' }), 404);
      expectConforms(path, await explain({ ...window, padding: 'x'.repeat(2000) }), 413);
      expectConforms(path, await explain(JSON.stringify(window), { type: 'text/plain' }), 415);
      model.script({ status: 500 });
      expectConforms(path, await explain(window), 503);
      model.script({ firstChunkDelayMs: 3_000 });
      expectConforms(path, await explain(window), 504);
      expectConforms(path, await explain(window), 200);
      expectConforms(path, await explain(window), 429);
    });
  });

  it('an unknown path answers the documented NotFound response', async () => {
    const response = await get(app, '/api/nope', await issuer.mint());
    expect(response.statusCode).toBe(404);
    const notFound = (document['components'] as { responses: Record<string, ResponseObject> })
      .responses['NotFound'];
    expect(bodyErrors(notFound, response)).toEqual([]);
  });
});
