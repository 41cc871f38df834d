import { expect, Page, test as base } from '@playwright/test';
import { CspViolationMonitor } from './csp-violations';
import { e2eUrls, type E2eStack, type E2eUrls } from './e2e-env';

interface E2eOptions {
  /** Which stack of global setup the project runs on (`playwright.config.ts`). */
  stack: E2eStack;
}

interface E2eFixtures {
  urls: E2eUrls;
  /** The scheme the SPA sends its access token with on this stack. */
  tokenScheme: 'Bearer' | 'DPoP';
  /**
   * On in every test: any CSP or Trusted Types violation in any page fails the test, unless the
   * test takes it with `cspViolations.during(...)`.
   */
  cspViolations: CspViolationMonitor;
}

export const test = base.extend<E2eFixtures & E2eOptions>({
  stack: ['bearer', { option: true }],
  urls: async ({ stack }, use) => use(e2eUrls(stack)),
  tokenScheme: async ({ stack }, use) => use(stack === 'dpop' ? 'DPoP' : 'Bearer'),
  baseURL: async ({ urls }, use) => use(urls.webOrigin),
  cspViolations: [
    async ({ context }, use) => {
      const monitor = await CspViolationMonitor.attach(context);
      await use(monitor);
      expect(monitor.leftOver(), 'CSP or Trusted Types violations').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Fills in the dev IdP's login form (every seeded user's password is the user name). */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(username);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

export function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}
