import { setTimeout as sleep } from 'node:timers/promises';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(90_000);

interface FailedKeyLoad {
  /** Epoch ms, from the log line. */
  time: number;
  retryInS: number;
}

/** The key store's "cannot load signing keys" log lines, in order. */
function failedKeyLoads(output: string): FailedKeyLoad[] {
  return output
    .split('\n')
    .filter((line) => line.includes('"cannot load signing keys"'))
    .map((line) => JSON.parse(line) as FailedKeyLoad);
}

/**
 * A cold start with real parts: the built API comes up while its IdP is down (a whole-site restart
 * where the API wins the race), then the real dev IdP starts on the issuer's port. Nothing asks
 * for a token: the API must find its keys by itself, at its next scheduled attempt.
 */
describe('cold start: the API before its IdP', () => {
  let api: RunningApi | undefined;
  let idp: RunningDevIdp | undefined;

  afterAll(async () => {
    await api?.stop();
    await idp?.stop();
  });

  it('turns ready within one backoff step of the IdP answering, polled only on /readyz', async () => {
    const port = await findFreePort();
    api = await startApi({ issuer: `http://localhost:${port}`, waitFor: 'listening' });
    // A few failures first, so the backoff has grown to seconds.
    for (let i = 0; i < 300 && failedKeyLoads(api.output()).length < 3; i++) await sleep(50);
    expect(failedKeyLoads(api.output()).length).toBeGreaterThanOrEqual(3);
    expect((await fetch(`${api.url}/readyz`)).status).toBe(503);

    idp = await startDevIdp({ port });
    const idpUpAt = Date.now();
    let readyAt: number | undefined;
    while (readyAt === undefined && Date.now() - idpUpAt < 40_000) {
      if ((await fetch(`${api.url}/readyz`)).status === 200) readyAt = Date.now();
      else await sleep(50);
    }
    expect(readyAt).toBeDefined();
    const readyMs = (readyAt ?? 0) - idpUpAt;

    const failures = failedKeyLoads(api.output());
    const last = failures[failures.length - 1];
    // The attempt scheduled by the last failure is the one that found the IdP: none failed after.
    const scheduledAt = last.time + last.retryInS * 1000;
    console.info(
      `cold start: ${failures.length} failed key loads, the last one scheduling a retry in ` +
        `${last.retryInS} s; IdP up → /readyz 200 in ${readyMs} ms`,
    );
    expect(failures.filter((failure) => failure.time > idpUpAt + 100)).toEqual([]);
    // Within the step: by the scheduled attempt, plus the time one discovery + JWKS fetch takes.
    expect(readyAt).toBeLessThanOrEqual(scheduledAt + 1_000);
    expect(readyMs).toBeLessThanOrEqual(last.retryInS * 1000 + 1_000);
  });
});
