import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getTokens } from '@oracle-ai/shared/data-access-dev-idp-client';
import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import {
  DEV_METRICS_INSTANCE,
  DEV_METRICS_JOB,
  startDevMetrics,
  writeDevMetricsHistory,
  type RunningDevMetrics,
} from '@oracle-ai/shared/testing-dev-metrics';
import {
  queryPrometheus,
  startPrometheus,
  type RunningPrometheus,
} from '@oracle-ai/shared/testing-prometheus';
import type {
  AnalyticsEvidence,
  AnalyticsPanelResponse,
  AnalyticsResource,
  ApiErrorBody,
} from '@oracle-ai/shared/util-api-contract';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { contentOf, sseData } from './testing/chat-stream';
import { parsePrometheusText } from './testing/prometheus-text';

jest.setTimeout(120_000);

/** The exporter's per-class wait time counters: `oracledb_wait_time_<class>`. */
const WAIT_TIME = 'oracledb_wait_time_';

/** A database whose name is everything a matcher must survive: it comes from the source itself. */
const ODD_DATABASE = 'we"ird} or vector(1) =~ .*\nname';

/**
 * The built API on the real figures source: the built dev exporter, its history backfilled into
 * a real Prometheus that scrapes it, and the dev IdP's users. The API's figures are compared
 * with what Prometheus answers for the same query, asked directly.
 */
describe('analytics on a real Prometheus', () => {
  let dir: string;
  let exporter: RunningDevMetrics;
  let prometheus: RunningPrometheus;
  let idp: RunningDevIdp;
  let assistant: RunningDevAssistant;
  let api: RunningApi;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'analytics-int-'));
    exporter = await startDevMetrics();
    const history = join(dir, 'history.om');
    await writeDevMetricsHistory({ file: history, hours: 3 });
    prometheus = await startPrometheus({
      targets: [
        { address: exporter.address, job: DEV_METRICS_JOB, instance: DEV_METRICS_INSTANCE },
      ],
      backfill: [history, oddDatabaseHistory(join(dir, 'odd.om'))],
    });
    [idp, assistant] = await Promise.all([startDevIdp(), startDevAssistant({ paceMs: 0 })]);
    api = await startApi({
      issuer: idp.issuer,
      env: {
        CHAT_MODEL_URL: assistant.baseUrl,
        ANALYTICS_PROMETHEUS_URL: prometheus.url,
        ANALYTICS_DATABASE_GROUPS: '{"dwh": ["oracle-ai-admins"]}',
        ANALYTICS_SIMULATED: 'true',
      },
    });
    for (const user of ['alice', 'bob', 'dave']) {
      tokens[user] = (await getTokens({ issuer: idp.issuer, username: user })).access_token;
    }
  });

  afterAll(async () => {
    await api?.stop();
    await idp?.stop();
    await assistant?.stop();
    await prometheus?.stop();
    await exporter?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = (path: string, user: string) =>
    fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
  const panel = async (user: string, db: string, name: string, query = '') => {
    const response = await call(
      `/api/analytics/databases/${encodeURIComponent(db)}/panels/${name}${query}`,
      user,
    );
    expect([db, name, response.status]).toEqual([db, name, 200]);
    return (await response.json()) as AnalyticsPanelResponse;
  };
  /** The last two hours, ending a minute ago: every scrape of it has arrived. */
  const pastRange = () => {
    const to = Math.floor(Date.now() / 1000) - 60;
    return { from: to - 2 * 3600, to, query: `?from=${to - 2 * 3600}&to=${to}` };
  };
  /** What Prometheus answers for `promql` over the panel's own range and step, as points. */
  const direct = async (promql: string, answer: AnalyticsPanelResponse) => {
    const result = await queryPrometheus(prometheus.url, promql, {
      start: answer.from,
      end: answer.to,
      step: answer.step,
    });
    return result.map((series) => ({
      labels: series.metric,
      points: (series.values ?? [])
        .map(([t, v]) => [t, Number(v)])
        .filter(([, v]) => Number.isFinite(v)),
    }));
  };

  it('lists the databases each user may see: dwh only for oracle-ai-admins (dave, by LDAP DN)', async () => {
    const resource = async (user: string) =>
      (await (await call('/api/analytics', user)).json()) as AnalyticsResource;
    const names = async (user: string) => (await resource(user)).databases;
    expect(await resource('bob')).toMatchObject({ source: 'prometheus', simulated: true });
    expect(await names('bob')).toEqual([
      { name: 'finprod', up: true },
      { name: 'paycdb', up: true },
      { name: ODD_DATABASE, up: true },
    ]);
    expect((await names('dave')).map((db) => db.name)).toEqual([
      'dwh',
      'finprod',
      'paycdb',
      ODD_DATABASE,
    ]);
  });

  it('bob gets 404 for dwh, exactly as for a database that does not exist; dave gets its figures', async () => {
    for (const db of ['dwh', 'nosuchdb']) {
      const response = await call(`/api/analytics/databases/${db}/panels/db-time`, 'bob');
      expect([db, response.status]).toEqual([db, 404]);
      expect(await response.json()).toMatchObject({
        code: 'not_found',
        message: 'No such database, or not one you may see',
      });
    }
    const dwh = await panel('dave', 'dwh', 'db-time');
    expect(dwh.series.map((series) => series.name)).toEqual(['db_time', 'db_cpu', 'cpu_count']);
  });

  it('DB time and CPUs: the API answers exactly what Prometheus answers for the same query, summed over the RAC instances', async () => {
    const { from, to, query } = pastRange();
    const answer = await panel('bob', 'finprod', 'db-time', query);
    expect(answer).toMatchObject({
      database: 'finprod',
      panel: 'db-time',
      from,
      to,
      step: 15,
      unit: 's/s',
    });
    const window = `${Math.max(answer.step, 120)}s`;
    for (const stat of ['db_time', 'db_cpu']) {
      const [expected] = await direct(
        `sum(rate(oracledb_time_model_${stat}{database="finprod"}[${window}]))`,
        answer,
      );
      const series = answer.series.find((s) => s.name === stat);
      expect(series?.points).toEqual(expected.points);
      expect(series?.points.length).toBeGreaterThan(400);
    }
    const [dbTime, dbCpu, cpuCount] = answer.series;
    dbTime.points.forEach(([t, value], i) => {
      expect([t, value >= dbCpu.points[i][1]]).toEqual([dbCpu.points[i][0], true]);
    });
    // The CPUs of both RAC instances, the most seen in each step: as Prometheus answers it.
    const [cpus] = await direct(
      `sum(max_over_time(oracledb_cpu_count{database="finprod"}[${window}]))`,
      answer,
    );
    expect(cpuCount).toEqual({ name: 'cpu_count', points: cpus.points });
    expect(new Set(cpuCount.points.map(([, value]) => value))).toEqual(new Set([8]));
  });

  it('AAS by wait class: one series per class, each as Prometheus computes it; together below DB time', async () => {
    const { query } = pastRange();
    const answer = await panel('bob', 'paycdb', 'aas-by-wait-class', query);
    expect(answer.unit).toBe('sessions');
    // The classes the source serves, read from it rather than listed a third time: the dev
    // exporter's and the API's own lists are kept apart on purpose (exporter-contract.int-spec.ts).
    const served = parsePrometheusText(
      await (await fetch(`http://${exporter.address}/metrics`)).text(),
    );
    const classes = [
      ...new Set(
        served
          .filter((sample) => sample.name.startsWith(WAIT_TIME))
          .map((sample) => sample.name.slice(WAIT_TIME.length)),
      ),
    ].sort();
    expect(classes).toHaveLength(12); // Oracle's non-idle wait classes
    expect(answer.series.map((s) => s.name)).toEqual(classes);
    const window = `${Math.max(answer.step, 120)}s`;
    const [userIo] = await direct(
      `sum(rate(oracledb_wait_time_user_io{database="paycdb"}[${window}]))`,
      answer,
    );
    expect(answer.series.find((s) => s.name === 'user_io')?.points).toEqual(userIo.points);
    const dbTime = await panel('bob', 'paycdb', 'db-time', query);
    const time = dbTime.series[0].points;
    time.forEach(([t, total], i) => {
      const waits = answer.series.reduce(
        (sum, s) => sum + (s.points.find(([at]) => at === t)?.[1] ?? 0),
        0,
      );
      expect([i, waits <= total + 1e-9]).toEqual([i, true]);
    });
  });

  it('activity, sessions and tablespaces carry the exporter’s own words, in their units', async () => {
    const { query } = pastRange();
    const activity = await panel('bob', 'finprod', 'activity', query);
    expect([activity.unit, activity.series.map((s) => s.name)]).toEqual([
      '1/s',
      ['execute_count', 'parse_count_total', 'user_commits', 'user_rollbacks'],
    ]);
    const sessions = await panel('bob', 'finprod', 'sessions', query);
    expect([sessions.unit, sessions.series.map((s) => s.name)]).toEqual([
      'sessions',
      ['ACTIVE BACKGROUND', 'ACTIVE USER', 'INACTIVE USER'],
    ]);
    const tablespaces = await panel('bob', 'finprod', 'tablespaces', query);
    expect(tablespaces.unit).toBe('percent');
    expect(tablespaces.series.map((s) => s.name)).toEqual([
      'FIN_DATA',
      'FIN_INDEX',
      'SYSAUX',
      'SYSTEM',
      'TEMP',
      'UNDOTBS1',
      'UNDOTBS2',
      'USERS',
    ]);
    for (const series of tablespaces.series) {
      for (const [, percent] of series.points) expect(percent).toBeGreaterThan(0);
      for (const [, percent] of series.points) expect(percent).toBeLessThanOrEqual(100);
    }
  });

  it('top SQL: the ten sql_ids with the most elapsed time over the range, in that order, never their text', async () => {
    const { query } = pastRange();
    const answer = await panel('bob', 'finprod', 'top-sql', query);
    expect(answer.unit).toBe('s/s');
    const ranking = await queryPrometheus(
      prometheus.url,
      `topk(10, sum by (sql_id) (increase(oracledb_top_sql_elapsed{database="finprod"}[${answer.to - answer.from}s])))`,
      { time: answer.to },
    );
    const expected = ranking
      .map((series) => [series.metric['sql_id'], Number(series.value?.[1])] as const)
      // Equal totals (the simulation gives some statements the same profile) rank by name.
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([sqlId]) => sqlId);
    expect(answer.series.map((s) => s.name)).toEqual(expected);
    expect(answer.series.length).toBeGreaterThan(5);
    expect(JSON.stringify(answer)).not.toMatch(/SELECT|INSERT|UPDATE|sql_text/);
  });

  it('a database named with quotes, braces, a regex and a newline, as the source has it, is queried as itself', async () => {
    const answer = await panel('bob', ODD_DATABASE, 'db-time');
    expect(answer.database).toBe(ODD_DATABASE);
    expect(answer.series.map((s) => s.name)).toEqual(['db_time']);
    // Its own figures: one second of DB time per second, not finprod's or anyone's sum.
    for (const [, value] of answer.series[0].points) expect(value).toBeCloseTo(1, 6);
  });

  it('evidence of a window: figures Prometheus holds, said with their units; dwh stays 404 for bob', async () => {
    const { to } = pastRange();
    const from = to - 1800;
    const response = await call(
      `/api/analytics/databases/finprod/evidence?from=${from}&to=${to}`,
      'bob',
    );
    expect(response.status).toBe(200);
    const evidence = (await response.json()) as AnalyticsEvidence;
    expect(evidence).toMatchObject({ database: 'finprod', from, to, step: 15, simulated: true });
    expect(evidence.text).toContain('- CPUs: 8.00 (gv$osstat NUM_CPUS, every instance)');
    // The history is three hours long: a week earlier there is nothing, and it says so.
    expect(evidence.text).toMatch(
      /\| total \(DB time\) \| \d+\.\d+ \| \d+\.\d+ \(\d\d:\d\d:\d\d\) \| no figures \|/,
    );
    expect(evidence.text).toContain(
      '- The exporter reported the database up throughout the window.',
    );
    // Its DB CPU average is Prometheus' own, over the same points.
    const [cpu] = await queryPrometheus(
      prometheus.url,
      'sum(rate(oracledb_time_model_db_cpu{database="finprod"}[120s]))',
      { start: from, end: to, step: 15 },
    );
    const values = (cpu.values ?? []).map(([, v]) => Number(v));
    const average = values.reduce((sum, v) => sum + v, 0) / values.length;
    expect(evidence.text).toContain(`- DB CPU: ${average.toFixed(2)} s/s on average`);
    const hidden = await call(`/api/analytics/databases/dwh/evidence?from=${from}&to=${to}`, 'bob');
    expect(hidden.status).toBe(404);
  });

  it('explain a window: the dev model server is asked with the evidence pack and never the user’s token, and its answer streams back', async () => {
    const { to } = pastRange();
    const from = to - 1800;
    await assistant.reset();
    const explain = (user: string, db = 'finprod') =>
      fetch(`${api.url}/api/analytics/databases/${db}/explanations`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tokens[user]}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from, to }),
      });
    const response = await explain('alice');
    expect([response.status, response.headers.get('content-type')]).toEqual([
      200,
      'text/event-stream; charset=utf-8',
    ]);
    const payloads: string[] = [];
    for await (const data of sseData(response)) payloads.push(data);
    expect(payloads.at(-1)).toBe('[DONE]');
    // The dev model server is no language model: it says so, and quotes its notes.
    expect(contentOf(payloads)).toMatch(/^\*Dev model server, not a language model/);

    const evidence = (await (
      await call(`/api/analytics/databases/finprod/evidence?from=${from}&to=${to}`, 'alice')
    ).json()) as AnalyticsEvidence;
    const [recorded] = await assistant.requests();
    const messages = (recorded.body as { messages: { role: string; content: string }[] }).messages;
    expect(messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0].content).toContain(`<evidence>\n${evidence.text}\n</evidence>`);
    expect(messages[1].content).toBe(evidence.question);
    expect(JSON.stringify(recorded)).not.toContain(tokens['alice']);
    expect(recorded.headers['authorization']).toBeUndefined();

    // bob is in no chat group; alice may not see dwh: neither reaches the model server.
    expect((await explain('bob')).status).toBe(403);
    const hidden = await fetch(`${api.url}/api/analytics/databases/dwh/explanations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens['alice']}`, 'content-type': 'application/json' },
      body: JSON.stringify({ from, to }),
    });
    expect(hidden.status).toBe(404);
    expect(await assistant.requests()).toHaveLength(1);
  });

  it('a client’s text never reaches Prometheus: every database matcher it ran names a database it listed', async () => {
    const hostile = [
      'paycdb"}',
      'paycdb"} or vector(1) or up{a="',
      '=~".*"',
      '.*',
      'finprod|dwh',
      'paycdb\n',
      'x'.repeat(10_000),
    ];
    for (const db of hostile) {
      const response = await call(
        `/api/analytics/databases/${encodeURIComponent(db)}/panels/db-time`,
        'bob',
      );
      expect([db.slice(0, 40), response.status]).toEqual([
        db.slice(0, 40),
        db.length > 100 ? 414 : 404,
      ]);
      expect(((await response.json()) as ApiErrorBody).code).toBe(
        db.length > 100 ? 'invalid_request' : 'not_found',
      );
    }
    const listed = new Set(
      ['finprod', 'paycdb', 'dwh', ODD_DATABASE].map((name) => promqlLiteral(name)),
    );
    const queries = prometheus.queries().map((entry) => entry.query);
    expect(queries.length).toBeGreaterThan(0);
    for (const query of queries) {
      for (const matcher of query.matchAll(/database=("(?:[^"\\]|\\.)*")/g)) {
        expect([query.slice(0, 60), listed.has(matcher[1])]).toEqual([query.slice(0, 60), true]);
      }
      for (const injected of ['or up{a=', 'finprod|dwh', '=~".*"', 'x'.repeat(200)]) {
        expect(query.includes(injected)).toBe(false);
      }
      expect(query).not.toMatch(/database=~/);
    }
  });
});

describe('analytics when the source fails', () => {
  let issuerIdp: RunningDevIdp;
  let token: string;

  beforeAll(async () => {
    issuerIdp = await startDevIdp();
    token = (await getTokens({ issuer: issuerIdp.issuer, username: 'bob' })).access_token;
  });

  afterAll(async () => {
    await issuerIdp?.stop();
  });

  const withApi = async (env: Record<string, string>, run: (api: RunningApi) => Promise<void>) => {
    const api = await startApi({ issuer: issuerIdp.issuer, env });
    try {
      await run(api);
    } finally {
      await api.stop();
    }
  };
  const get = (api: RunningApi, path: string) =>
    fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });

  it('no ANALYTICS_PROMETHEUS_URL: 503 analytics_unavailable, and the API is ready all the same', async () => {
    await withApi({}, async (api) => {
      const response = await get(api, '/api/analytics');
      expect([response.status, response.headers.get('retry-after')]).toEqual([503, '60']);
      expect(await response.json()).toMatchObject({
        code: 'analytics_unavailable',
        message: 'No figures source is configured',
      });
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    });
  });

  it('a source that is down: 503 with Retry-After, for both routes', async () => {
    const port = await findFreePort();
    await withApi({ ANALYTICS_PROMETHEUS_URL: `http://127.0.0.1:${port}` }, async (api) => {
      for (const path of ['/api/analytics', '/api/analytics/databases/finprod/panels/db-time']) {
        const response = await get(api, path);
        expect([path, response.status, response.headers.get('retry-after')]).toEqual([
          path,
          503,
          '10',
        ]);
        expect(await response.json()).toMatchObject({ code: 'analytics_unavailable' });
      }
      expect((await fetch(`${api.url}/readyz`)).status).toBe(200);
    });
  });

  it('a source that accepts and never answers: 504 within the timeout', async () => {
    const connections: import('node:net').Socket[] = [];
    const stalling: Server = createServer((socket) => connections.push(socket));
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    const port = (stalling.address() as { port: number }).port;
    try {
      await withApi(
        { ANALYTICS_PROMETHEUS_URL: `http://127.0.0.1:${port}`, ANALYTICS_TIMEOUT_S: '1' },
        async (api) => {
          const started = Date.now();
          const response = await get(api, '/api/analytics');
          expect(response.status).toBe(504);
          expect(await response.json()).toMatchObject({
            code: 'analytics_timeout',
            message: 'The figures source did not answer within 1 s',
          });
          expect(Date.now() - started).toBeLessThan(5_000);
          expect(connections.length).toBeGreaterThan(0);
        },
      );
    } finally {
      for (const socket of connections) socket.destroy();
      await new Promise((resolve) => stalling.close(resolve));
    }
  });
});

/** The PromQL literal the API writes for a name (the escaping under test in promql.spec.ts). */
function promqlLiteral(value: string): string {
  return `"${value.replace(/[\\"]/g, (char) => `\\${char}`).replace(/\n/g, '\\x0a')}"`;
}

/** Three hours of `oracledb_up` and DB time (1 s/s) for a database with a hostile name. */
function oddDatabaseHistory(file: string): string {
  const now = Math.floor(Date.now() / 1000);
  const label = ODD_DATABASE.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
  const target = `instance="${DEV_METRICS_INSTANCE}",job="odd"`;
  const up = ['# TYPE oracledb_up gauge'];
  const dbTime = ['# TYPE oracledb_time_model_db_time unknown'];
  for (let t = now - 3 * 3600; t <= now; t += 30) {
    up.push(`oracledb_up{database="${label}",${target}} 1 ${t}`);
    dbTime.push(
      `oracledb_time_model_db_time{database="${label}",inst_id="1",${target}} ${t - (now - 3 * 3600)} ${t}`,
    );
  }
  writeFileSync(file, `${[...up, ...dbTime].join('\n')}\n# EOF\n`);
  return file;
}
