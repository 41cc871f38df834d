import type { Browser } from '@playwright/test';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { launchChromium } from '@oracle-ai/shared/testing-chromium';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(60_000);

/** Swagger UI at `/docs` (`API_DOCS=on`) on the built API: its headers, and the UI under them. */
describe('built API documentation page', () => {
  let issuer: TestIssuer;
  let api: RunningApi;
  let browser: Browser;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
    api = await startApi({ issuer: issuer.issuer, env: { API_DOCS: 'on' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
    await issuer?.stop();
  });

  it.each([
    '/docs',
    '/docs/',
    '/docs/static/swagger-ui-bundle.js',
    '/docs/json',
    '/docs/static/nope.js',
  ])('%s is sent with a CSP, no framing and no sniffing', async (path) => {
    const response = await fetch(`${api.url}${path}`, { redirect: 'manual' });
    await response.body?.cancel();
    expect({
      csp: response.headers.get('content-security-policy'),
      frame: response.headers.get('x-frame-options'),
      sniff: response.headers.get('x-content-type-options'),
      referrer: response.headers.get('referrer-policy'),
    }).toEqual({
      csp:
        "default-src 'none'; script-src 'self'; " +
        "style-src 'self' 'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='; img-src 'self' data:; " +
        `connect-src 'self' ${api.url}; base-uri 'none'; form-action 'none'; ` +
        "frame-ancestors 'none'; object-src 'none'",
      frame: 'DENY',
      sniff: 'nosniff',
      referrer: 'no-referrer',
    });
  });

  it('leaves the API’s own routes to their own headers', async () => {
    const response = await fetch(`${api.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toBeNull();
  });

  it('Swagger UI works under them in Chromium, and the policy reports no violation', async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) {
        problems.push(`console: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    await page.exposeFunction('reportViolation', (text: string) => problems.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        (window as unknown as { reportViolation(text: string): void }).reportViolation(
          `violation: ${event.violatedDirective} ${event.blockedURI}`,
        );
      });
    });
    try {
      await page.goto(`${api.url}/docs`);
      await page.getByRole('heading', { name: /Oracle AI API/ }).waitFor();
      // "Try it out" on the liveness route: the UI calls the API and shows its answer.
      await page.getByRole('button', { name: /GET\s*\/healthz/ }).click();
      await page.getByRole('button', { name: 'Try it out' }).click();
      await page.getByRole('button', { name: 'Execute' }).click();
      await page
        .locator('.responses-table.live-responses-table .response-col_status', {
          hasText: '200',
        })
        .waitFor();
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
