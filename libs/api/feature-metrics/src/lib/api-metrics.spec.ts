import { ApiMetrics } from './api-metrics';

type MetricJson = Awaited<ReturnType<ApiMetrics['registry']['getMetricsAsJSON']>>[number];

async function metric(metrics: ApiMetrics, name: string): Promise<MetricJson> {
  const found = (await metrics.registry.getMetricsAsJSON()).find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no metric ${name}`);
  return found;
}

function valueOf(
  entry: MetricJson,
  labels: Record<string, string | number> = {},
  metricName?: string,
) {
  return entry.values.find(
    (value) =>
      (metricName === undefined || (value as { metricName?: string }).metricName === metricName) &&
      Object.entries(labels).every(([key, expected]) => value.labels[key] === expected),
  )?.value;
}

describe('ApiMetrics', () => {
  it('counts auth decisions by outcome and code; grants reach the counter when scraped', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    metrics.auth.granted?.();
    metrics.auth.granted?.();
    metrics.auth.refused?.('token_expired');
    metrics.auth.refused?.('idp_unavailable');
    metrics.auth.refused?.('made_up');
    const decisions = await metric(metrics, 'oracle_ai_auth_decisions_total');
    expect(valueOf(decisions, { outcome: 'allowed', code: 'none' })).toBe(2);
    expect(valueOf(decisions, { outcome: 'refused', code: 'token_expired' })).toBe(1);
    expect(valueOf(decisions, { outcome: 'unavailable', code: 'idp_unavailable' })).toBe(1);
    expect(valueOf(decisions, { outcome: 'error', code: 'internal_error' })).toBe(1);
    // Series a dashboard queries exist at 0; an unknown code never becomes a label.
    expect(valueOf(decisions, { outcome: 'refused', code: 'missing_token' })).toBe(0);
    expect(decisions.values.some((value) => value.labels['code'] === 'made_up')).toBe(false);
    metrics.auth.granted?.();
    expect(
      valueOf(await metric(metrics, 'oracle_ai_auth_decisions_total'), { outcome: 'allowed' }),
    ).toBe(3);
  });

  it('times IdP fetches by document and outcome; counts stale key uses and suppressed refetches', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    metrics.auth.fetched?.('discovery', 'success', 0.02);
    metrics.auth.fetched?.('jwks', 'failure', 5);
    metrics.auth.staleKeysUsed?.();
    metrics.auth.unknownKidRefetchSuppressed?.();
    metrics.auth.unknownKidRefetchSuppressed?.();
    const fetches = await metric(metrics, 'oracle_ai_idp_fetch_duration_seconds');
    const count = 'oracle_ai_idp_fetch_duration_seconds_count';
    expect(valueOf(fetches, { document: 'discovery', outcome: 'success' }, count)).toBe(1);
    expect(valueOf(fetches, { document: 'jwks', outcome: 'failure' }, count)).toBe(1);
    expect(valueOf(await metric(metrics, 'oracle_ai_stale_signing_key_uses_total'))).toBe(1);
    expect(valueOf(await metric(metrics, 'oracle_ai_unknown_kid_refetches_suppressed_total'))).toBe(
      2,
    );
  });

  it('reads the key set size and age when scraped', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    expect(valueOf(await metric(metrics, 'oracle_ai_signing_keys'))).toBe(0);
    const state = { keyCount: 2, loadedAt: Date.now() - 90_000 };
    metrics.observeSigningKeys(state);
    expect(valueOf(await metric(metrics, 'oracle_ai_signing_keys'))).toBe(2);
    const age = valueOf(await metric(metrics, 'oracle_ai_signing_keys_age_seconds')) ?? 0;
    expect(age).toBeGreaterThanOrEqual(90);
    expect(age).toBeLessThan(3600);
  });

  it('counts shed requests by reason', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    metrics.loadShed('event_loop_delay');
    const shed = await metric(metrics, 'oracle_ai_load_shed_total');
    expect(valueOf(shed, { reason: 'event_loop_delay' })).toBe(1);
    expect(valueOf(shed, { reason: 'event_loop_utilization' })).toBe(0);
  });

  it('labels requests by route pattern, a bounded method and status; none matched is one series', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    metrics.observeRequest('GET', '/api/me', 200, 0.0004);
    metrics.observeRequest('PROPFIND', undefined, 404, 0.0001);
    metrics.observeRequest('GET', undefined, 404, 0.0001);
    const requests = await metric(metrics, 'http_request_duration_seconds');
    const count = 'http_request_duration_seconds_count';
    expect(valueOf(requests, { route: '/api/me', method: 'GET', status_code: 200 }, count)).toBe(1);
    expect(
      valueOf(requests, { route: 'unmatched', method: 'other', status_code: 404 }, count),
    ).toBe(1);
    expect(new Set(requests.values.map((value) => value.labels['route']))).toEqual(
      new Set(['/api/me', 'unmatched']),
    );
  });

  it('counts assistant answers by outcome and mode, times admitted ones, tracks those in progress', async () => {
    const metrics = new ApiMetrics({ processMetrics: false });
    metrics.assistant.started();
    metrics.assistant.started();
    const inProgress = 'oracle_ai_assistant_answers_in_progress';
    expect(valueOf(await metric(metrics, inProgress))).toBe(2);
    metrics.assistant.ended({
      outcome: 'completed',
      stream: true,
      admitted: true,
      durationS: 3,
      firstTokenS: 0.4,
    });
    metrics.assistant.ended({
      outcome: 'rate_limited',
      stream: false,
      admitted: false,
      durationS: 0,
    });
    expect(valueOf(await metric(metrics, inProgress))).toBe(1);
    const answers = await metric(metrics, 'oracle_ai_assistant_answers_total');
    expect(valueOf(answers, { outcome: 'completed', mode: 'stream' })).toBe(1);
    expect(valueOf(answers, { outcome: 'rate_limited', mode: 'json' })).toBe(1);
    // Every outcome's series exists from the start.
    expect(valueOf(answers, { outcome: 'timeout', mode: 'stream' })).toBe(0);
    const duration = await metric(metrics, 'oracle_ai_assistant_answer_duration_seconds');
    const count = 'oracle_ai_assistant_answer_duration_seconds_count';
    expect(valueOf(duration, { mode: 'stream' }, count)).toBe(1);
    expect(valueOf(duration, { mode: 'json' }, count)).toBeUndefined();
    const firstToken = await metric(metrics, 'oracle_ai_assistant_time_to_first_token_seconds');
    expect(
      valueOf(firstToken, { le: 0.5 }, 'oracle_ai_assistant_time_to_first_token_seconds_bucket'),
    ).toBe(1);
  });

  it('includes the process metrics unless told not to', async () => {
    const names = (await new ApiMetrics().registry.getMetricsAsJSON()).map((entry) => entry.name);
    expect(names).toEqual(
      expect.arrayContaining(['process_cpu_seconds_total', 'nodejs_eventloop_lag_seconds']),
    );
  });
});
