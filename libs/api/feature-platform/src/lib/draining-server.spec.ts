import Fastify, { type FastifyInstance } from 'fastify';
import { Agent, get, type IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { DrainingServer, drainingServerOptions } from './draining-server';

jest.setTimeout(15_000);

const REQUEST = 'GET /work HTTP/1.1\r\nHost: localhost\r\n\r\n';

describe('drainingServerOptions', () => {
  let app: FastifyInstance;
  let port: number;

  async function start(fastify: FastifyInstance, workMs = 5): Promise<void> {
    app = fastify;
    app.get('/work', async () => {
      if (workMs > 0) await sleep(workMs);
      return { ok: true };
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as { port: number }).port;
  }

  afterEach(() => app?.close());

  /** A raw keep-alive connection that has had one answered request: idle on the server side. */
  async function idleConnection(): Promise<{
    socket: Socket;
    received: () => string;
    closed: Promise<void>;
  }> {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    // A reset is what the race looks like from the client; the test reads what arrived.
    socket.on('error', () => undefined);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await once(socket, 'connect');
    socket.write(REQUEST);
    while (!received.includes('{"ok":true}')) await sleep(5);
    return { socket, received: () => received, closed };
  }

  it('answers a request already written to an idle keep-alive connection when close begins', async () => {
    await start(Fastify(drainingServerOptions({ idleLingerMs: 100 })));
    const { socket, received, closed } = await idleConnection();
    // Same tick: the bytes are in the server's socket buffer, not parsed yet — the race itself.
    socket.write(REQUEST);
    app.server.closeIdleConnections();
    await closed;
    expect(received().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(received()).toMatch(/connection: close/i);
  });

  it("(Node's own close loses that request: the race the draining server exists for)", async () => {
    await start(Fastify());
    const { socket, received, closed } = await idleConnection();
    socket.write(REQUEST);
    app.server.closeIdleConnections();
    await closed;
    expect(received().match(/HTTP\/1\.1 200 OK/g)).toHaveLength(1);
  });

  it('completes a request in flight when close begins, with Connection: close', async () => {
    await start(Fastify(drainingServerOptions({ idleLingerMs: 100 })), 300);
    const agent = new Agent({ keepAlive: true });
    const response = new Promise<IncomingMessage>((resolve, reject) =>
      get({ host: '127.0.0.1', port, path: '/work', agent }, resolve).on('error', reject),
    );
    await sleep(50);
    const closed = app.close();
    const answered = await response;
    answered.resume();
    expect(answered.statusCode).toBe(200);
    expect(answered.headers.connection).toBe('close');
    await closed;
    agent.destroy();
  });

  it('loses no request of busy keep-alive clients; refuses new connections once closing', async () => {
    // Instant answers: at any moment most requests sit unread in socket buffers, not in a handler.
    await start(Fastify(drainingServerOptions({ idleLingerMs: 200 })), 0);
    let closing = false;
    const outcomes = { before: 0, answeredBefore: 0, closeHeaderAfter: 0, refused: 0, lost: 0 };
    const clients = Array.from({ length: 20 }, async () => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      for (let stop = false; !stop; ) {
        const sentBeforeClose = !closing;
        if (sentBeforeClose) outcomes.before++;
        stop = await new Promise<boolean>((resolve) => {
          get({ host: '127.0.0.1', port, path: '/work', agent }, (response) => {
            response.resume();
            if (sentBeforeClose && response.statusCode === 200) outcomes.answeredBefore++;
            else if (response.headers.connection === 'close') outcomes.closeHeaderAfter++;
            resolve(false);
          }).on('error', (error: NodeJS.ErrnoException) => {
            if (error.code === 'ECONNREFUSED') outcomes.refused++;
            else outcomes.lost++;
            resolve(true);
          });
        });
      }
      agent.destroy();
    });
    await sleep(300);
    closing = true;
    await app.close();
    await Promise.all(clients);
    expect(outcomes.lost).toBe(0);
    expect(outcomes.answeredBefore).toBe(outcomes.before);
    expect(outcomes.refused).toBe(20);
  });

  it('closes a connection still idle after the linger, then finishes closing', async () => {
    await start(Fastify(drainingServerOptions({ idleLingerMs: 100 })));
    const { closed } = await idleConnection();
    await app.close();
    await closed;
    expect((app.server as DrainingServer).openConnections).toBe(0);
  });

  it('applies the connection limits', async () => {
    await start(
      Fastify(
        drainingServerOptions({
          keepAliveTimeoutMs: 61_000,
          headersTimeoutMs: 5_000,
          requestTimeoutMs: 6_000,
          maxHeaderSize: 1024,
        }),
      ),
    );
    const server = app.server;
    expect(server).toBeInstanceOf(DrainingServer);
    expect([server.keepAliveTimeout, server.headersTimeout, server.requestTimeout]).toEqual([
      61_000, 5_000, 6_000,
    ]);
    const tooLarge = await fetch(`http://127.0.0.1:${port}/work`, {
      headers: { 'x-filler': 'a'.repeat(2048) },
    });
    expect(tooLarge.status).toBe(431);
  });

  it.each([
    [{ idleLingerMs: 0 }, 'idleLingerMs must be a positive whole number'],
    [{ keepAliveTimeoutMs: 1.5 }, 'keepAliveTimeoutMs must be a positive whole number'],
    [{ headersTimeoutMs: 20_000, requestTimeoutMs: 10_000 }, 'headersTimeoutMs must not exceed'],
  ])('refuses %p', (options, message) => {
    expect(() => drainingServerOptions(options)).toThrow(message);
  });
});
