import Fastify, { type FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GroupMembership, type AuthenticatedUser } from '@oracle-ai/api/feature-auth';
import { apiErrorHandler, frameworkErrors } from '@oracle-ai/api/feature-platform';
import { loadAnalyticsConfig } from '@oracle-ai/api/util-config';
import type {
  AnalyticsEvidence,
  AnalyticsPanelResponse,
  ApiErrorBody,
} from '@oracle-ai/shared/util-api-contract';
import { analyticsRoutes } from './analytics-routes';
import { DATABASES_QUERY } from './database-directory';

const NOW = 1_796_500_007;

interface SourceRequest {
  path: string;
  form: Record<string, string>;
}

type Answer = { status: number; body: unknown } | 'hang';

/**
 * A loopback stand-in for the Prometheus HTTP API (the real one runs in the API's integration
 * tests): answers by query, records every request.
 */
class FakeSource {
  readonly requests: SourceRequest[] = [];
  answer: (request: SourceRequest) => Answer = () => ({ status: 500, body: {} });
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const request = {
          path: req.url ?? '',
          form: Object.fromEntries(new URLSearchParams(body)),
        };
        this.requests.push(request);
        const answer = this.answer(request);
        if (answer === 'hang') return;
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  queries(): string[] {
    return this.requests.map((request) => request.form['query']);
  }
}

const vector = (result: { metric: Record<string, string>; value: [number, string] }[]) => ({
  status: 200,
  body: { status: 'success', data: { resultType: 'vector', result } },
});
const matrix = (result: { metric: Record<string, string>; values: [number, string][] }[]) => ({
  status: 200,
  body: { status: 'success', data: { resultType: 'matrix', result } },
});

const DATABASES = vector([
  { metric: { database: 'paycdb' }, value: [NOW, '1'] },
  { metric: { database: 'dwh' }, value: [NOW, '1'] },
  { metric: { database: 'finprod' }, value: [NOW, '0'] },
]);

const user = (...groups: string[]): AuthenticatedUser => ({
  sub: 'sub-1',
  issuer: 'https://sso.example.com',
  username: 'bob',
  groups,
  membership: new GroupMembership(groups),
  expiresAt: '2030-01-01T00:00:00.000Z',
  dpopBound: false,
  claims: { iss: 'https://sso.example.com', sub: 'sub-1', exp: 1_893_456_000 },
});

describe('analyticsRoutes', () => {
  const source = new FakeSource();
  let sourceUrl: string;
  let app: FastifyInstance;
  let caller: AuthenticatedUser;

  beforeAll(async () => {
    sourceUrl = await source.start();
  });

  afterAll(() => source.stop());

  async function build(env: Record<string, string>): Promise<FastifyInstance> {
    const instance = Fastify({ frameworkErrors });
    await instance.register(apiErrorHandler);
    instance.decorateRequest('user', null);
    // Stands in for bearerAuth: what these routes see once it has run.
    instance.addHook('onRequest', async (request) => {
      request.user = caller;
    });
    await instance.register(analyticsRoutes, { config: loadAnalyticsConfig(env), now: () => NOW });
    return instance;
  }

  beforeEach(async () => {
    source.requests.length = 0;
    source.answer = (request) =>
      request.form['query'] === DATABASES_QUERY ? DATABASES : { status: 500, body: {} };
    caller = user('database');
    app = await build({
      ANALYTICS_PROMETHEUS_URL: sourceUrl,
      ANALYTICS_DATABASE_GROUPS: '{"dwh": ["oracle-ai-admins"]}',
      ANALYTICS_TIMEOUT_S: '1',
    });
  });

  afterEach(() => app.close());

  const get = (url: string) => app.inject({ method: 'GET', url });

  describe('GET /analytics', () => {
    it('lists the databases the source knows that the caller may see, by name, with up', async () => {
      const response = await get('/analytics');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        source: 'prometheus',
        simulated: false,
        databases: [
          { name: 'finprod', up: false },
          { name: 'paycdb', up: true },
        ],
      });
      expect(source.requests).toEqual([
        {
          path: '/api/v1/query',
          form: { query: DATABASES_QUERY, time: String(NOW), timeout: '1s' },
        },
      ]);
    });

    it('shows a database restricted to a group to its members only', async () => {
      caller = user('database', 'CN=Oracle-AI-Admins,OU=Groups,DC=example,DC=com');
      const names = (await get('/analytics'))
        .json()
        .databases.map((db: { name: string }) => db.name);
      expect(names).toEqual(['dwh', 'finprod', 'paycdb']);
    });

    it('says the figures are simulated when the API is configured so', async () => {
      await app.close();
      app = await build({ ANALYTICS_PROMETHEUS_URL: sourceUrl, ANALYTICS_SIMULATED: 'true' });
      expect((await get('/analytics')).json()).toMatchObject({ simulated: true });
    });

    it('asks the source once for identical requests within a few seconds', async () => {
      await Promise.all([get('/analytics'), get('/analytics'), get('/analytics')]);
      await get('/analytics');
      expect(source.requests).toHaveLength(1);
    });
  });

  describe('GET /analytics/databases/:db/panels/:panel', () => {
    it('answers a panel with the source’s figures, gaps kept, series in the catalogue’s order', async () => {
      source.answer = (request) => {
        if (request.form['query'] === DATABASES_QUERY) return DATABASES;
        return matrix([
          { metric: { stat: 'cpu_count' }, values: [[NOW, '4']] },
          {
            metric: { stat: 'db_cpu' },
            values: [
              [NOW - 30, '0.5'],
              [NOW - 15, 'NaN'],
              [NOW, '0.75'],
            ],
          },
          {
            metric: { stat: 'db_time' },
            values: [
              [NOW - 30, '1.25'],
              [NOW, '+Inf'],
            ],
          },
          { metric: {}, values: [[NOW, '1']] },
        ]);
      };
      const response = await get(
        `/analytics/databases/paycdb/panels/db-time?from=${NOW - 30}&to=${NOW}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<AnalyticsPanelResponse>()).toEqual({
        database: 'paycdb',
        panel: 'db-time',
        from: NOW - 30,
        to: NOW,
        step: 15,
        unit: 's/s',
        series: [
          { name: 'db_time', points: [[NOW - 30, 1.25]] },
          {
            name: 'db_cpu',
            points: [
              [NOW - 30, 0.5],
              [NOW, 0.75],
            ],
          },
          { name: 'cpu_count', points: [[NOW, 4]] },
        ],
      });
      expect(source.requests[1]).toEqual({
        path: '/api/v1/query_range',
        form: {
          query:
            'label_replace(sum(rate(oracledb_time_model_db_time{database="paycdb"}[120s])), "stat", "db_time", "", "") or label_replace(sum(rate(oracledb_time_model_db_cpu{database="paycdb"}[120s])), "stat", "db_cpu", "", "") or label_replace(sum(max_over_time(oracledb_cpu_count{database="paycdb"}[120s])), "stat", "cpu_count", "", "")',
          start: String(NOW - 30),
          end: String(NOW),
          step: '15',
          timeout: '1s',
        },
      });
    });

    it('top SQL: ranks over the range, then reads the ten in that order; the source’s odd values are never queried', async () => {
      const ranked = ['aaaaaaaaaaaa1', 'bbbbbbbbbbbb2', 'ccccccccccccc'];
      source.answer = (request) => {
        if (request.form['query'] === DATABASES_QUERY) return DATABASES;
        if (request.path === '/api/v1/query') {
          return vector([
            { metric: { sql_id: 'ccccccccccccc' }, value: [NOW, '5'] },
            { metric: { sql_id: 'aaaaaaaaaaaa1' }, value: [NOW, '40'] },
            { metric: { sql_id: '.*"}' }, value: [NOW, '1000'] },
            { metric: { sql_id: 'bbbbbbbbbbbb2' }, value: [NOW, '12'] },
            { metric: { sql_id: 'ddddddddddddd' }, value: [NOW, 'NaN'] },
          ]);
        }
        return matrix(
          ranked
            .map((sqlId) => ({
              metric: { sql_id: sqlId },
              values: [[NOW, '0.1']] as [number, string][],
            }))
            .reverse(),
        );
      };
      const response = await get(
        `/analytics/databases/paycdb/panels/top-sql?from=${NOW - 3600}&to=${NOW}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.json<AnalyticsPanelResponse>().series.map((series) => series.name)).toEqual(
        ranked,
      );
      expect(
        source.requests
          .slice(1)
          .map(({ path, form }) => [path, form['query'], form['time'] ?? form['start']]),
      ).toEqual([
        [
          '/api/v1/query',
          'topk(10, sum by (sql_id) (increase(oracledb_top_sql_elapsed{database="paycdb"}[3600s])))',
          String(NOW),
        ],
        [
          '/api/v1/query_range',
          'sum by (sql_id) (rate(oracledb_top_sql_elapsed{database="paycdb",sql_id=~"aaaaaaaaaaaa1|bbbbbbbbbbbb2|ccccccccccccc"}[120s]))',
          String(NOW - 3600),
        ],
      ]);
    });

    it('top SQL with nothing ranked answers no series, without a second query', async () => {
      source.answer = (request) =>
        request.form['query'] === DATABASES_QUERY ? DATABASES : vector([]);
      const response = await get('/analytics/databases/paycdb/panels/top-sql');
      expect(response.json().series).toEqual([]);
      expect(source.requests).toHaveLength(2);
    });

    it('a defaulted range is the last hour, aligned: identical requests share one query', async () => {
      source.answer = (request) =>
        request.form['query'] === DATABASES_QUERY ? DATABASES : matrix([]);
      const first = (await get('/analytics/databases/paycdb/panels/sessions')).json();
      await get('/analytics/databases/paycdb/panels/sessions');
      expect(first).toMatchObject({
        from: 1_796_496_405,
        to: 1_796_500_005,
        step: 15,
        unit: 'sessions',
        series: [],
      });
      expect(source.requests.map((request) => request.path)).toEqual([
        '/api/v1/query',
        '/api/v1/query_range',
      ]);
    });

    describe('a database that does not exist, or that the caller may not see, is 404 — before any query names it', () => {
      it.each([
        ['unknown', 'nosuchdb'],
        ['restricted to a group the caller lacks', 'dwh'],
        ['another case of a known name', 'PAYCDB'],
        ['a quote', encodeURIComponent('paycdb"')],
        ['a matcher', encodeURIComponent('paycdb"} or vector(1) or up{a="')],
        ['a regex operator', encodeURIComponent('=~".*"')],
        ['a regex', encodeURIComponent('.*')],
        ['a newline', encodeURIComponent('paycdb\n')],
      ])('%s', async (_, db) => {
        const response = await get(`/analytics/databases/${db}/panels/db-time`);
        expect(response.statusCode).toBe(404);
        expect(response.json<ApiErrorBody>()).toMatchObject({
          code: 'not_found',
          message: 'No such database, or not one you may see',
        });
        expect(source.queries().filter((query) => query !== DATABASES_QUERY)).toEqual([]);
      });
    });

    it('a name over the router’s limit (100 characters) is 414, without asking the source', async () => {
      for (const db of ['x'.repeat(101), 'x'.repeat(10_000)]) {
        const response = await get(`/analytics/databases/${db}/panels/db-time`);
        expect([response.statusCode, response.json().code]).toEqual([414, 'invalid_request']);
      }
      expect(source.requests).toEqual([]);
    });

    it('an unknown panel is 404 without asking the source anything', async () => {
      for (const panel of ['nope', 'constructor', '__proto__', encodeURIComponent('db-time"')]) {
        const response = await get(`/analytics/databases/paycdb/panels/${panel}`);
        expect([panel, response.statusCode, response.json().code]).toEqual([
          panel,
          404,
          'not_found',
        ]);
      }
      expect(source.requests).toEqual([]);
    });

    it.each([
      [
        'from=yesterday',
        'from must be an RFC 3339 time with a zone (e.g. 2026-11-24T08:00:00Z) or unix seconds',
      ],
      [
        'from=2026-11-24T08:00:00',
        'from must carry a time zone (Z or ±hh:mm), e.g. 2026-11-24T08:00:00Z',
      ],
      [`from=${NOW}&to=${NOW - 60}`, 'from must be before to'],
      [`from=${NOW - 8 * 86400}&to=${NOW}`, 'the range from from to to must be at most 7 days'],
      ['from=1&from=2', 'from must be given once'],
    ])('a bad range is 400 without asking the source: %s', async (query, message) => {
      const response = await get(`/analytics/databases/paycdb/panels/db-time?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json<ApiErrorBody>()).toMatchObject({ code: 'invalid_request', message });
      expect(source.requests).toEqual([]);
    });
  });

  describe('GET /analytics/databases/:db/evidence', () => {
    const window = `from=${NOW - 900}&to=${NOW}`;

    it('answers the evidence pack of the window, read from the source with the catalogue’s queries', async () => {
      source.answer = (request) => {
        if (request.form['query'] === DATABASES_QUERY) return DATABASES;
        return request.path === '/api/v1/query' ? vector([]) : matrix([]);
      };
      const response = await get(`/analytics/databases/paycdb/evidence?${window}`);
      expect(response.statusCode).toBe(200);
      const evidence = response.json<AnalyticsEvidence>();
      expect(evidence).toMatchObject({
        database: 'paycdb',
        from: NOW - 900,
        to: NOW,
        step: 15,
        comparisonFrom: NOW - 900 - 7 * 86400,
        comparisonTo: NOW - 7 * 86400,
        simulated: false,
      });
      expect(evidence.text).toMatch(/^## Evidence for database "paycdb"\n/);
      expect(evidence.text).toContain('- DB time: no figures in the window.');
      expect(evidence.question).toMatch(
        /^Explain what happened on database "paycdb" in this window\./,
      );
      const queries = source.queries().slice(1);
      expect(queries).toHaveLength(6);
      for (const query of queries) expect(query).toContain('{database="paycdb"');
    });

    it('refuses a bad window before asking anything, naming what is wrong', async () => {
      for (const [query, message] of [
        ['', 'from is required'],
        [`from=${NOW - 900}`, 'to is required'],
        [
          `from=${NOW - 2 * 86400}&to=${NOW}`,
          'the window from from to to must be at most 24 hours',
        ],
        [`${window}&database=dwh`, 'unknown field "database"'],
      ]) {
        const response = await get(`/analytics/databases/paycdb/evidence?${query}`);
        expect([response.statusCode, response.json().message]).toEqual([400, message]);
      }
      expect(source.requests).toEqual([]);
    });

    it('a database the caller may not see is 404, like one that does not exist; nothing is read for it', async () => {
      for (const db of ['dwh', 'nosuchdb']) {
        const response = await get(`/analytics/databases/${db}/evidence?${window}`);
        expect([db, response.statusCode, response.json().code]).toEqual([db, 404, 'not_found']);
      }
      expect(source.queries()).toEqual([DATABASES_QUERY]);
    });
  });

  describe('the source failing', () => {
    it('an error answer is 503 with Retry-After, the source’s words never passed on', async () => {
      source.answer = () => ({
        status: 500,
        body: { status: 'error', errorType: 'internal', error: 'secret internals of the source' },
      });
      for (const url of ['/analytics', '/analytics/databases/paycdb/panels/db-time']) {
        const response = await get(url);
        expect([url, response.statusCode, response.headers['retry-after']]).toEqual([
          url,
          503,
          '10',
        ]);
        expect(response.json<ApiErrorBody>()).toMatchObject({
          code: 'analytics_unavailable',
          message: 'The figures source cannot be reached or is failing; retry later',
        });
        expect(response.body).not.toContain('secret');
      }
    });

    it('a failing panel query after a good directory is 503 too', async () => {
      source.answer = (request) =>
        request.form['query'] === DATABASES_QUERY
          ? DATABASES
          : { status: 422, body: { error: 'too many samples' } };
      expect((await get('/analytics/databases/paycdb/panels/activity')).statusCode).toBe(503);
    });

    it('a source that does not answer in time is 504', async () => {
      source.answer = () => 'hang';
      const started = Date.now();
      const response = await get('/analytics');
      expect(response.statusCode).toBe(504);
      expect(response.json<ApiErrorBody>()).toMatchObject({
        code: 'analytics_timeout',
        message: 'The figures source did not answer within 1 s',
      });
      expect(Date.now() - started).toBeLessThan(3_000);
    });

    it('an unreachable source is 503', async () => {
      const closed = await build({ ANALYTICS_PROMETHEUS_URL: 'http://127.0.0.1:1' });
      try {
        const response = await closed.inject('/analytics');
        expect([response.statusCode, response.json().code]).toEqual([503, 'analytics_unavailable']);
      } finally {
        await closed.close();
      }
    });

    it('no source configured is 503 analytics_unavailable, after the request itself is checked', async () => {
      const unconfigured = await build({});
      try {
        for (const url of ['/analytics', '/analytics/databases/paycdb/panels/db-time']) {
          const response = await unconfigured.inject(url);
          expect([
            url,
            response.statusCode,
            response.headers['retry-after'],
            response.json().message,
          ]).toEqual([url, 503, '60', 'No figures source is configured']);
        }
        expect(
          (await unconfigured.inject('/analytics/databases/paycdb/panels/nope')).statusCode,
        ).toBe(404);
      } finally {
        await unconfigured.close();
      }
    });
  });
});
