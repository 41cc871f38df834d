import { randomUUID } from 'node:crypto';
import { createSigningKey, TestIssuer } from '@oracle-ai/api/testing-issuer';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { parsePrometheusText, sampleValue, type Sample } from './testing/prometheus-text';

jest.setTimeout(30_000);

/** The built API's Prometheus listener, scraped and parsed as Prometheus would. */
describe('metrics of the built API', () => {
  let issuer: TestIssuer;
  let api: RunningApi;
  let metricsUrl: string;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    const metricsPort = await findFreePort();
    metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`;
    api = await startApi({ issuer: issuer.issuer, env: { METRICS_PORT: String(metricsPort) } });
  });

  afterAll(async () => {
    expect(await api.stop()).toBe(0);
    await issuer.stop();
  });

  async function scrape(): Promise<Sample[]> {
    const response = await fetch(metricsUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await response.text());
  }

  const me = (authorization?: string) =>
    fetch(`${api.url}/api/me`, { headers: authorization ? { authorization } : {} });

  it('counts auth decisions, IdP fetches, key state and requests by route pattern', async () => {
    const token = await issuer.mint();
    for (let i = 0; i < 3; i++) expect((await me(`Bearer ${token}`)).status).toBe(200);
    await me();
    await me();
    const expired = await issuer.mint({ claims: { exp: Math.floor(Date.now() / 1000) - 3600 } });
    expect((await me(`Bearer ${expired}`)).status).toBe(401);
    const strangerKey = await createSigningKey('RS256');
    for (let i = 0; i < 2; i++) {
      const stranger = await issuer.mint({ key: strangerKey });
      expect((await me(`Bearer ${stranger}`)).status).toBe(401);
    }

    const samples = await scrape();
    const decisions = 'oracle_ai_auth_decisions_total';
    expect(sampleValue(samples, decisions, { outcome: 'allowed' })).toBe(3);
    expect(sampleValue(samples, decisions, { code: 'missing_token' })).toBe(2);
    expect(sampleValue(samples, decisions, { code: 'token_expired' })).toBe(1);
    expect(sampleValue(samples, decisions, { code: 'unknown_signing_key' })).toBe(2);
    const fetches = 'oracle_ai_idp_fetch_duration_seconds_count';
    expect(sampleValue(samples, fetches, { document: 'discovery', outcome: 'success' })).toBe(1);
    expect(sampleValue(samples, fetches, { document: 'jwks', outcome: 'success' })).toBe(1);
    // Start-up fetched the keys moments ago: unknown kids are turned away without a refetch.
    expect(sampleValue(samples, 'oracle_ai_unknown_kid_refetches_suppressed_total')).toBe(2);
    expect(sampleValue(samples, 'oracle_ai_stale_signing_key_uses_total')).toBe(0);
    expect(sampleValue(samples, 'oracle_ai_signing_keys')).toBe(1);
    expect(sampleValue(samples, 'oracle_ai_signing_keys_age_seconds')).toBeGreaterThanOrEqual(0);
    const requests = 'http_request_duration_seconds_count';
    expect(
      sampleValue(samples, requests, { method: 'GET', route: '/api/me', status_code: '200' }),
    ).toBe(3);
    expect(
      sampleValue(samples, requests, { method: 'GET', route: '/api/me', status_code: '401' }),
    ).toBe(5);
    expect(sampleValue(samples, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'oracle_ai_load_shed_total', { reason: 'event_loop_delay' })).toBe(
      0,
    );
  });

  it('hostile paths create no series: every unmatched request is one label value', async () => {
    const before = (await scrape()).length;
    const hostile: string[] = [];
    for (let i = 0; i < 200; i++) {
      const marker = randomUUID();
      hostile.push(marker);
      const path = [
        `/${marker}`,
        `/api/${marker}`,
        `/api/me/${marker}?x=${marker}`,
        `/%2e%2e/${marker}/etc/passwd`,
      ][i % 4];
      await fetch(`${api.url}${path}`, { headers: { 'x-marker': marker } });
    }
    const samples = await scrape();
    const text = JSON.stringify(samples);
    expect(hostile.some((marker) => text.includes(marker))).toBe(false);
    const routes = new Set(
      samples
        .filter((sample) => sample.name === 'http_request_duration_seconds_count')
        .map((sample) => sample.labels['route']),
    );
    expect(routes.has('unmatched')).toBe(true);
    const patterns = ['/healthz', '/readyz', '/api/me', '/api/chat', '/api/analytics', 'unmatched'];
    expect([...routes].filter((route) => !patterns.includes(route))).toEqual([]);
    // At most the new unmatched 404 series (its buckets, sum and count) and nothing else.
    expect(samples.length - before).toBeLessThanOrEqual(17);
  });

  it('never serves the metrics on the public port', async () => {
    const response = await fetch(`${api.url}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });

  it('a taken METRICS_PORT stops start-up with one line naming it', async () => {
    const taken = new URL(metricsUrl).port;
    const second = await startApi({
      issuer: issuer.issuer,
      env: { METRICS_PORT: taken, LOG_LEVEL: 'warn' },
      waitFor: 'spawned',
    });
    expect(await second.exited).toBe(1);
    expect(second.output().trim().split('\n')).toEqual([
      `api: port ${taken} on 127.0.0.1 is already in use (set METRICS_PORT to another port)`,
    ]);
  });
});
