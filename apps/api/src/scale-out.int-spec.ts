import { setTimeout as sleep } from 'node:timers/promises';
import { getTokens } from '@oracle-ai/shared/data-access-dev-idp-client';
import { startDevIdp, type RunningDevIdp } from '@oracle-ai/shared/testing-dev-idp';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startLoad, type RequestOutcome } from './testing/keep-alive-load';
import { startNginx, type NginxProcess } from './testing/nginx-process';

jest.setTimeout(120_000);

/**
 * Several instances with real parts: the dev IdP, three built API processes and Debian's nginx
 * configured by the shipped `deploy/nginx` example, under bounded load with real dev-IdP tokens,
 * while one instance is stopped gracefully and another is killed — then both come back.
 */
describe('three API instances behind nginx', () => {
  let idp: RunningDevIdp;
  let nginx: NginxProcess;
  let ports: number[];
  const instances: RunningApi[] = [];

  const startInstance = (port: number): Promise<RunningApi> =>
    startApi({ issuer: idp.issuer, port, env: { LOG_LEVEL: 'warn' } });

  beforeAll(async () => {
    idp = await startDevIdp();
    ports = [await findFreePort(), await findFreePort(), await findFreePort()];
    instances.push(...(await Promise.all(ports.map((port) => startInstance(port)))));
    nginx = await startNginx(ports, await findFreePort());
  });

  afterAll(async () => {
    await nginx?.stop();
    await Promise.all(instances.map((instance) => instance.stop()));
    await idp?.stop();
  });

  const failed = (outcome: RequestOutcome) => outcome.status !== 200;
  const summary = (outcomes: RequestOutcome[]) => {
    const failures = outcomes.filter(failed);
    const kinds = [...new Set(failures.map((outcome) => outcome.status ?? outcome.error))];
    return `${outcomes.length} requests, ${failures.length} failed${kinds.length ? ` (${kinds.join(', ')})` : ''}`;
  };

  it('loses no request to a SIGTERM; a SIGKILL costs only what nginx cannot retry; all come back', async () => {
    const tokens = await Promise.all(
      ['alice', 'bob', 'dave'].map(async (username) => {
        const { access_token } = await getTokens({ issuer: idp.issuer, username });
        return access_token;
      }),
    );
    const loads = tokens.map((token) =>
      startLoad({
        url: `${nginx.url}/api/me`,
        clients: 3,
        headers: { authorization: `Bearer ${token}` },
        pauseMs: 2,
        maxDurationMs: 90_000,
      }),
    );
    const outcomesBetween = (from: number, to: number) =>
      loads.flatMap((load) =>
        load.outcomes.filter((outcome) => outcome.startedAt >= from && outcome.startedAt < to),
      );
    await sleep(1_500);

    // (a) A graceful stop, as Kubernetes does it, then the instance is started again.
    const termAt = performance.now();
    process.kill(instances[0].pid, 'SIGTERM');
    expect(await instances[0].exited).toBe(0);
    await sleep(1_000);
    instances[0] = await startInstance(ports[0]);
    const termEnd = performance.now();

    // (b) A crash: killed with requests in flight, started again after a second.
    await sleep(500);
    const killAt = performance.now();
    process.kill(instances[1].pid, 'SIGKILL');
    await instances[1].exited;
    await sleep(1_000);
    instances[1] = await startInstance(ports[1]);
    await sleep(1_000);
    const killEnd = performance.now();

    // Every instance answers again, directly and through nginx (once its fail_timeout is over).
    const servedBy = new Set<string>();
    for (let i = 0; i < 200 && servedBy.size < 3; i++) {
      const response = await fetch(`${nginx.url}/api/me`, {
        headers: { authorization: `Bearer ${tokens[0]}` },
      });
      if (response.status === 200) servedBy.add(response.headers.get('x-upstream') ?? '');
      await response.arrayBuffer();
      await sleep(50);
    }
    await Promise.all(loads.map((load) => load.stop()));

    const duringTerm = outcomesBetween(termAt, termEnd);
    const duringKill = outcomesBetween(killAt, killEnd);
    const all = loads.flatMap((load) => load.outcomes);
    console.info(
      `scale-out through nginx: SIGTERM + restart: ${summary(duringTerm)}; ` +
        `SIGKILL + restart: ${summary(duringKill)}; whole run: ${summary(all)}`,
    );
    expect(duringTerm.length).toBeGreaterThan(0);
    expect(duringTerm.filter(failed)).toEqual([]);
    expect(duringKill.length).toBeGreaterThan(0);
    // What a retry cannot save is a request whose response had begun: nginx answers it 502.
    expect(duringKill.filter(failed).every((outcome) => outcome.status === 502)).toBe(true);
    expect(all.filter((outcome) => !duringKill.includes(outcome)).filter(failed)).toEqual([]);
    expect([...servedBy].sort()).toEqual(ports.map((port) => `127.0.0.1:${port}`).sort());
    for (const instance of instances) {
      expect((await fetch(`${instance.url}/readyz`)).status).toBe(200);
    }
  });
});
