import { defineConfig } from '@playwright/test';

/** The user journeys that run on both stacks: landing, session and refresh, logout, token safety, the chat. */
const CORE_JOURNEYS = [
  'landing.spec.ts',
  'session.spec.ts',
  'logout-revocation.spec.ts',
  'token-safety.spec.ts',
  'chat.spec.ts',
  'chat-failures.spec.ts',
  'chat-hostile-output.spec.ts',
  'chat-accessibility.spec.ts',
];
/** Specs of DPoP itself: only on the DPoP stack. */
const DPOP_SPECS = /\/dpop[^/]*\.spec\.ts$/;

/**
 * Real browser, real dev IdP, real API, the production SPA build: one worker, because every test
 * signs in through the same IdP and the suite must stay under a few minutes. Two projects: the
 * whole suite without DPoP (`bearer`), then the core journeys and the DPoP specs with it (`dpop`).
 */
export default defineConfig<{ stack: 'bearer' | 'dpop' }>({
  testDir: './src',
  outputDir: '../../dist/.playwright/apps/web-e2e/test-results',
  globalSetup: './src/support/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      // Debian's Chromium: never `playwright install` on this machine.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
    trace: 'retain-on-failure',
  },
  projects: [
    { name: 'bearer', use: { stack: 'bearer' }, testIgnore: DPOP_SPECS },
    {
      name: 'dpop',
      use: { stack: 'dpop' },
      testMatch: [...CORE_JOURNEYS.map((file) => `**/${file}`), DPOP_SPECS],
    },
  ],
});
