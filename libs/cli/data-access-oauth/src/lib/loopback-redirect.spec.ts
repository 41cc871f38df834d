import { createServer, type Server } from 'node:net';
import { networkInterfaces } from 'node:os';
import { LoopbackRedirect } from './loopback-redirect';

/** Occupies a free port on 127.0.0.1 until closed. */
async function occupy(): Promise<{ port: number; server: Server }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, server };
}

function externalAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4')
    .map((entry) => (entry as { address: string }).address);
}

describe('LoopbackRedirect', () => {
  const opened: LoopbackRedirect[] = [];
  const taken: Server[] = [];

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((redirect) => redirect.close()));
    taken.splice(0).forEach((server) => server.close());
  });

  it('listens on 127.0.0.1 (not localhost, not every interface) at /callback', async () => {
    const redirect = await LoopbackRedirect.listen([0], 'unused');
    opened.push(redirect);
    expect(redirect.redirectUri).toBe(`http://127.0.0.1:${redirect.port}/callback`);
    const served = redirect.serve(
      async (url) => ({ page: { status: 200, html: 'ok' }, result: url }),
      {
        timeoutMs: 5_000,
      },
    );
    const response = await fetch(`${redirect.redirectUri}?code=c&state=s`);
    expect(response.headers.get('connection')).toBe('close');
    expect((await served).href).toBe(`${redirect.redirectUri}?code=c&state=s`);
    // Bound to 127.0.0.1 only: neither IPv6 loopback nor the machine's other addresses answer.
    for (const address of ['[::1]', ...externalAddresses()]) {
      await expect(fetch(`http://${address}:${redirect.port}/callback`)).rejects.toThrow();
    }
  });

  it('tries the registered ports in turn and takes the first free one', async () => {
    const busy = await occupy();
    taken.push(busy.server);
    const free = await occupy();
    free.server.close();
    const redirect = await LoopbackRedirect.listen([busy.port, free.port], 'unused');
    opened.push(redirect);
    expect(redirect.port).toBe(free.port);
  });

  it('names every port and why, with the hint, when all are taken', async () => {
    const first = await occupy();
    const second = await occupy();
    taken.push(first.server, second.server);
    await expect(
      LoopbackRedirect.listen([first.port, second.port], 'free one or set ORACLE_AI_CLI_PORTS'),
    ).rejects.toMatchObject({
      code: 'ERR_PORTS_BUSY',
      message: `no free loopback port for the sign-in on 127.0.0.1 (${first.port}: EADDRINUSE, ${second.port}: EADDRINUSE): free one or set ORACLE_AI_CLI_PORTS`,
    });
  });

  it('handles callbacks one at a time, and refuses any after the result', async () => {
    const redirect = await LoopbackRedirect.listen([0], 'unused');
    opened.push(redirect);
    let inside = 0;
    let most = 0;
    const served = redirect.serve(
      async (url) => {
        inside++;
        most = Math.max(most, inside);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inside--;
        const done = url.searchParams.get('n') === '2';
        return { page: { status: done ? 200 : 400, html: '' }, result: done ? 'done' : undefined };
      },
      { timeoutMs: 5_000 },
    );
    const statuses = await Promise.all(
      [1, 2, 3].map(async (n) => (await fetch(`${redirect.redirectUri}?n=${n}`)).status),
    );
    expect(await served).toBe('done');
    expect(most).toBe(1);
    expect(statuses).toEqual([400, 200, 400]);
  });

  it('answers 404 for other paths and 404 for other methods, without calling the handler', async () => {
    const redirect = await LoopbackRedirect.listen([0], 'unused');
    opened.push(redirect);
    const handle = jest.fn();
    void redirect.serve(handle, { timeoutMs: 5_000 }).catch(() => undefined);
    const origin = `http://127.0.0.1:${redirect.port}`;
    expect((await fetch(`${origin}/`)).status).toBe(404);
    expect((await fetch(`${origin}/callback/x`)).status).toBe(404);
    expect((await fetch(redirect.redirectUri, { method: 'POST' })).status).toBe(404);
    expect(handle).not.toHaveBeenCalled();
  });

  it('says how long it waited when the browser never comes back', async () => {
    const redirect = await LoopbackRedirect.listen([0], 'unused');
    opened.push(redirect);
    await expect(redirect.serve(jest.fn(), { timeoutMs: 100 })).rejects.toMatchObject({
      code: 'ERR_LOGIN_TIMEOUT',
      message: 'no sign-in came back from the browser within 0 s: run login again',
    });
  });
});
