import { expect, Page, test as base } from '@playwright/test';
import { CspViolationMonitor } from './csp-violations';
import { e2eUrls } from './e2e-env';

interface E2eFixtures {
  urls: ReturnType<typeof e2eUrls>;
  /**
   * On in every test: any CSP or Trusted Types violation in any page fails the test, unless the
   * test takes it with `cspViolations.during(...)`.
   */
  cspViolations: CspViolationMonitor;
}

export const test = base.extend<E2eFixtures>({
  // eslint-disable-next-line no-empty-pattern
  urls: async ({}, use) => use(e2eUrls()),
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
