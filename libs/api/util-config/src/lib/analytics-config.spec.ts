import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@oracle-ai/shared/util-env';
import { createTestPki, type TestPki } from '@oracle-ai/shared/testing-tls';
import { loadAnalyticsConfig } from './analytics-config';

describe('loadAnalyticsConfig', () => {
  let pki: TestPki;
  let dir: string;
  const file = (name: string, content: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    return path;
  };

  beforeAll(() => {
    pki = createTestPki();
    dir = mkdtempSync(join(tmpdir(), 'analytics-config-'));
  });

  afterAll(() => {
    pki.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has no source by default: the analytics answer 503 until one is configured', () => {
    expect(loadAnalyticsConfig({})).toEqual({
      source: undefined,
      timeoutS: 5,
      databaseGroups: new Map(),
      simulated: false,
    });
  });

  it('says the figures are simulated only when told so, in so many words', () => {
    expect(loadAnalyticsConfig({ ANALYTICS_SIMULATED: 'true' }).simulated).toBe(true);
    expect(loadAnalyticsConfig({ ANALYTICS_SIMULATED: 'false' }).simulated).toBe(false);
    for (const value of ['yes', '1', 'TRUE', 'on']) {
      expect(() => loadAnalyticsConfig({ ANALYTICS_SIMULATED: value })).toThrow(
        new ConfigError('ANALYTICS_SIMULATED', `must be one of true, false (got "${value}")`),
      );
    }
  });

  it('reads the source, its TLS material and token, the timeout and the database groups', () => {
    const config = loadAnalyticsConfig({
      ANALYTICS_PROMETHEUS_URL: 'https://mimir.example.com/prometheus/',
      ANALYTICS_PROMETHEUS_CA_FILE: pki.ca.path,
      ANALYTICS_PROMETHEUS_CERT_FILE: pki.clientCert.path,
      ANALYTICS_PROMETHEUS_KEY_FILE: pki.clientKey.path,
      ANALYTICS_PROMETHEUS_TOKEN_FILE: file('token', '  glsa_abc.DEF-123 \n'),
      ANALYTICS_TIMEOUT_S: '12',
      ANALYTICS_DATABASE_GROUPS: '{"dwh": ["oracle-ai-admins", "dba"], "finprod": ["payments"]}',
    });
    expect(config).toEqual({
      source: {
        url: 'https://mimir.example.com/prometheus',
        ca: pki.ca.pem.trim(),
        cert: pki.clientCert.pem.trim(),
        key: pki.clientKey.pem.trim(),
        token: 'glsa_abc.DEF-123',
      },
      timeoutS: 12,
      databaseGroups: new Map([
        ['dwh', ['oracle-ai-admins', 'dba']],
        ['finprod', ['payments']],
      ]),
      simulated: false,
    });
  });

  it('accepts plain http on loopback, with a token', () => {
    expect(
      loadAnalyticsConfig({
        ANALYTICS_PROMETHEUS_URL: 'http://localhost:9090',
        ANALYTICS_PROMETHEUS_TOKEN_FILE: file('t2', 'x'),
      }).source,
    ).toEqual({ url: 'http://localhost:9090', token: 'x' });
  });

  it.each([
    [
      { ANALYTICS_PROMETHEUS_URL: 'http://prometheus.example.com' },
      'ANALYTICS_PROMETHEUS_URL must use https (http is allowed for localhost only; got "http://prometheus.example.com")',
    ],
    [
      { ANALYTICS_PROMETHEUS_URL: 'https://p.example.com/?x=1' },
      'ANALYTICS_PROMETHEUS_URL must not contain a query (got "https://p.example.com/?x=1")',
    ],
    [
      { ANALYTICS_PROMETHEUS_URL: 'https://user:pw@p.example.com' },
      'ANALYTICS_PROMETHEUS_URL must not contain credentials or a fragment (got "https://user:pw@p.example.com")',
    ],
    [
      { ANALYTICS_PROMETHEUS_TOKEN_FILE: '/etc/hostname' },
      'ANALYTICS_PROMETHEUS_TOKEN_FILE is set but ANALYTICS_PROMETHEUS_URL is not',
    ],
    [
      { ANALYTICS_TIMEOUT_S: '0' },
      'ANALYTICS_TIMEOUT_S must be a whole number from 1 to 120 (got "0")',
    ],
  ])('refuses %p', (env, message) => {
    expect(() => loadAnalyticsConfig(env)).toThrow(
      new ConfigError(message.split(' ')[0], message.slice(message.indexOf(' ') + 1)),
    );
  });

  it('refuses TLS files that cannot serve', () => {
    const url = { ANALYTICS_PROMETHEUS_URL: 'https://p.example.com' };
    const refusal = (env: Record<string, string>) => {
      try {
        loadAnalyticsConfig({ ...url, ...env });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    expect(
      refusal({
        ANALYTICS_PROMETHEUS_URL: 'http://localhost:9090',
        ANALYTICS_PROMETHEUS_CA_FILE: pki.ca.path,
      }),
    ).toBe('ANALYTICS_PROMETHEUS_CA_FILE needs an https ANALYTICS_PROMETHEUS_URL');
    expect(refusal({ ANALYTICS_PROMETHEUS_CA_FILE: file('bad-ca', 'not a certificate') })).toMatch(
      /^ANALYTICS_PROMETHEUS_CA_FILE does not hold PEM certificates \(".+"\)$/,
    );
    expect(refusal({ ANALYTICS_PROMETHEUS_CERT_FILE: pki.clientCert.path })).toBe(
      'ANALYTICS_PROMETHEUS_KEY_FILE is required with its pair: a client certificate needs its private key',
    );
    expect(
      refusal({
        ANALYTICS_PROMETHEUS_CERT_FILE: pki.clientCert.path,
        ANALYTICS_PROMETHEUS_KEY_FILE: pki.strangerKey.path,
      }),
    ).toMatch(
      /^ANALYTICS_PROMETHEUS_KEY_FILE does not hold the private key of ANALYTICS_PROMETHEUS_CERT_FILE's certificate/,
    );
    expect(
      refusal({
        ANALYTICS_PROMETHEUS_CERT_FILE: pki.clientKey.path,
        ANALYTICS_PROMETHEUS_KEY_FILE: pki.clientKey.path,
      }),
    ).toMatch(/^ANALYTICS_PROMETHEUS_CERT_FILE does not hold a PEM certificate/);
    expect(refusal({ ANALYTICS_PROMETHEUS_TOKEN_FILE: file('spaced', 'two words') })).toBe(
      'ANALYTICS_PROMETHEUS_TOKEN_FILE must hold one token: printable ASCII without spaces or line breaks',
    );
    // The content of a secret never appears in a refusal.
    expect(
      refusal({ ANALYTICS_PROMETHEUS_TOKEN_FILE: file('lines', 'secret-one\nsecret-two') }),
    ).not.toContain('secret');
  });

  it.each([
    ['{', /^ANALYTICS_DATABASE_GROUPS is not JSON \(".+"\)$/],
    [
      '["dwh"]',
      /^ANALYTICS_DATABASE_GROUPS must be a JSON object such as \{"dwh": \["oracle-ai-admins"\]\} \(got "\[\\"dwh\\"\]"\)$/,
    ],
    [
      '{"dwh": []}',
      /must map each database to a non-empty list of group names, e.g\. .* \("dwh" maps to "\[\]"\)$/,
    ],
    ['{"dwh": "admins"}', /must map each database to a non-empty list of group names/],
    ['{"dwh": ["a", 7]}', /must map each database to a non-empty list of group names/],
    ['{"dwh": [""]}', /must map each database to a non-empty list of group names/],
    [
      '{"": ["a"]}',
      /^ANALYTICS_DATABASE_GROUPS has a database name that is empty or over 256 characters \(""\)$/,
    ],
  ])('refuses ANALYTICS_DATABASE_GROUPS=%s', (value, message) => {
    expect(() => loadAnalyticsConfig({ ANALYTICS_DATABASE_GROUPS: value })).toThrow(message);
  });
});
