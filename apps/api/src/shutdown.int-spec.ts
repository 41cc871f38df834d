import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestIssuer } from '@oracle-ai/api/testing-issuer';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';
import { startLoad } from './testing/keep-alive-load';

jest.setTimeout(60_000);

/** The built API stopped by a signal while it serves: what its clients and its supervisor see. */
describe('graceful shutdown of the built API', () => {
  let issuer: TestIssuer;
  let api: RunningApi | undefined;

  beforeEach(async () => {
    issuer = await TestIssuer.start();
  });

  afterEach(async () => {
    await api?.stop();
    await issuer.stop();
  });

  function startReadyApi(env: Record<string, string> = {}): Promise<RunningApi> {
    return startApi({ issuer: issuer.issuer, env });
  }

  it('SIGTERM with 50 busy keep-alive clients: not one request already sent is lost', async () => {
    api = await startReadyApi();
    const authorization = `Bearer ${await issuer.mint()}`;
    const load = startLoad({
      url: `${api.url}/api/me`,
      clients: 50,
      headers: { authorization },
      stopWhenRefused: true,
    });
    const probe = new Agent({ keepAlive: true, maxSockets: 1 });
    expect((await getOn(probe, `${api.url}/readyz`)).status).toBe(200);
    await sleep(1_000);

    // Requests made in earlier turns on open connections: their bytes are with the server now.
    const sentBeforeSignal = load.inFlight().filter((outcome) => outcome.reusedConnection);
    const signalledAt = performance.now();
    process.kill(api.pid, 'SIGTERM');
    let exited = false;
    void api.exited.then(() => (exited = true));
    // Until the process has handled the signal, readiness may still pass; then it fails at once.
    let readiness = await getOn(probe, `${api.url}/readyz`);
    for (let i = 0; i < 50 && readiness.status === 200; i++) {
      await sleep(20);
      readiness = await getOn(probe, `${api.url}/readyz`);
    }
    let newConnection = await connectOutcome(api.url);
    for (let i = 0; i < 50 && newConnection === 'connected'; i++) {
      await sleep(20);
      newConnection = await connectOutcome(api.url);
    }
    const refusedWhileDraining = !exited;
    const exitCode = await api.exited;
    const exitMs = Math.round(performance.now() - signalledAt);
    await load.stop();
    probe.destroy();

    const answered = sentBeforeSignal.filter((outcome) => outcome.status === 200);
    const later = load.outcomes.filter((outcome) => outcome.startedAt > signalledAt);
    console.info(
      `drain after SIGTERM: ${sentBeforeSignal.length} requests sent before the signal, ` +
        `${answered.length} answered 200, ${sentBeforeSignal.length - answered.length} lost; ` +
        `${load.outcomes.length} requests in all; after the signal ` +
        `${later.filter((outcome) => outcome.status === 200).length} answered, ` +
        `${later.filter((outcome) => outcome.error === 'ECONNREFUSED').length} refused; exit ${exitCode} after ${exitMs} ms`,
    );
    expect(sentBeforeSignal.length).toBeGreaterThan(0);
    expect(answered).toHaveLength(sentBeforeSignal.length);
    // Requests made after it are answered too, or find the listener gone: none is cut off.
    expect(
      later.every((outcome) => outcome.status === 200 || outcome.error === 'ECONNREFUSED'),
    ).toBe(true);
    expect(readiness).toEqual({
      status: 503,
      body: expect.objectContaining({ shuttingDown: true }),
    });
    expect(newConnection).toBe('ECONNREFUSED');
    expect(refusedWhileDraining).toBe(true);
    expect(exitCode).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
  });

  /** Starts the API with one request in flight, waiting on an IdP that never answers. */
  async function requestWaitingOnIdp(
    env: Record<string, string> = {},
  ): Promise<{ started: RunningApi; waiting: ReturnType<typeof meRequest> }> {
    issuer.setOutage('hang');
    // Only listening: its IdP never answers, so it never becomes ready.
    const started = await startApi({ issuer: issuer.issuer, env, waitFor: 'listening' });
    api = started;
    const waiting = meRequest(started.url, await issuer.mint());
    await sleep(300);
    return { started, waiting };
  }

  it('SIGINT: a request still waiting for the IdP is answered before the process exits 0', async () => {
    const { started, waiting } = await requestWaitingOnIdp();
    process.kill(started.pid, 'SIGINT');
    // The key fetch times out after 5 s: the request gets its 503, then the process exits.
    expect(await waiting).toMatchObject({ status: 503, connection: 'close' });
    expect(await started.exited).toBe(0);
  });

  it('past SHUTDOWN_GRACE_S the process exits 1, saying requests were still running', async () => {
    const { started, waiting } = await requestWaitingOnIdp({ SHUTDOWN_GRACE_S: '1' });
    process.kill(started.pid, 'SIGTERM');
    expect(await started.exited).toBe(1);
    expect(await waiting).toMatchObject({ error: expect.any(String) });
    expect(started.output()).toContain('requests still running at the shutdown grace');
  });

  it('a second signal exits at once', async () => {
    const { started, waiting } = await requestWaitingOnIdp();
    process.kill(started.pid, 'SIGTERM');
    await sleep(200);
    process.kill(started.pid, 'SIGTERM');
    expect(await started.exited).toBe(1);
    await waiting;
    expect(started.output()).toContain('second stop signal');
  });
});

function getOn(agent: Agent, url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(body) }),
      );
    }).on('error', reject);
  });
}

function meRequest(
  url: string,
  token: string,
): Promise<{ status?: number; connection?: string; error?: string }> {
  return new Promise((resolve) => {
    get(
      `${url}/api/me`,
      { headers: { authorization: `Bearer ${token}` }, agent: false },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode, connection: response.headers.connection }),
        );
      },
    ).on('error', (error: NodeJS.ErrnoException) =>
      resolve({ error: error.code ?? error.message }),
    );
  });
}

/** `connected`, or the error code of a fresh TCP connection to the listener. */
function connectOutcome(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
