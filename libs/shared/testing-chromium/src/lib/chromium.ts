import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

/**
 * Debian's Chromium (`apt-get install -y chromium`), headless, with the flags that work on this
 * kind of machine, CI included (no sandbox, no GPU, no shared memory, nothing fetched on its
 * own). Never `playwright install`: the browser comes from the system.
 */
export const CHROMIUM_LAUNCH_OPTIONS: LaunchOptions = {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/** Launches that Chromium through Playwright. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM_LAUNCH_OPTIONS);
}
