import { E2E_STACKS_ENV, type E2eStack, type E2eUrls } from './e2e-env';
import { startStack, type RunningStack } from './stack';

/**
 * Starts two stacks (see `stack.ts`) and hands their URLs to the tests through the environment:
 * `bearer`, the dev IdP with DPoP off and the SPA without it, and `dpop`, both with DPoP on.
 * Short-lived tokens, so the background refresh happens within the suite. Returns the teardown.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const started: RunningStack[] = [];
  const stopAll = async () => {
    for (const stack of started.reverse()) await stack.stop();
  };
  try {
    const urls: Record<E2eStack, E2eUrls> = {} as Record<E2eStack, E2eUrls>;
    for (const [name, dpop] of [
      ['bearer', false],
      ['dpop', true],
    ] as const) {
      // The analytics specs run on the bearer stack only (playwright.config.ts).
      const stack = await startStack({ dpop, accessTokenTtlS: 20, analytics: !dpop });
      started.push(stack);
      urls[name] = stack.urls;
    }
    process.env[E2E_STACKS_ENV] = JSON.stringify(urls);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return stopAll;
}
