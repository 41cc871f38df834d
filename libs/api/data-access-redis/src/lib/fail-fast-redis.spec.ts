import { createServer, type Server, type Socket } from 'node:net';
import { startRedis, type RunningRedis } from '@oracle-ai/shared/testing-redis';
import type Redis from 'ioredis';
import { connectFailFastRedis } from './fail-fast-redis';

jest.setTimeout(20_000);

/** Retries `command` until the client has connected (it connects in the background). */
async function whenConnected<T>(command: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    try {
      return await command();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('connectFailFastRedis', () => {
  const clients: Redis[] = [];
  const connect = (url: string, commandTimeoutMs?: number) => {
    const client = connectFailFastRedis(url, { commandTimeoutMs });
    clients.push(client);
    return client;
  };

  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });

  describe('against a real Redis', () => {
    let redis: RunningRedis;

    beforeAll(async () => {
      redis = await startRedis();
    });

    afterAll(() => redis?.stop());

    it('runs commands once connected, and refuses them at once when Redis goes away', async () => {
      const client = connect(redis.url);
      expect(await whenConnected(() => client.set('k', 'v'))).toBe('OK');
      await redis.stop();
      const started = Date.now();
      await expect(client.get('k')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(1_000);
    });
  });

  it('fails a command to a Redis that stops answering after its timeout', async () => {
    // Answers what the client sends on connecting (CLIENT SETINFO, the INFO of its ready check),
    // then never anything else.
    const info = '# Server\r\nloading:0\r\n';
    const replies: Record<string, string> = {
      client: '+OK\r\n',
      info: `$${info.length}\r\n${info}\r\n`,
    };
    const sockets: Socket[] = [];
    const stalled: Server = createServer((socket) => {
      sockets.push(socket);
      socket.on('data', (data) => {
        for (const [, name] of data
          .toString('latin1')
          .matchAll(/\*\d+\r\n\$\d+\r\n([^\r]+)\r\n/g)) {
          const reply = replies[name.toLowerCase()];
          if (reply !== undefined) socket.write(reply);
        }
      });
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = stalled.address() as { port: number };
      const client = connect(`redis://127.0.0.1:${port}`, 300);
      await whenConnected(async () => {
        if (client.status !== 'ready') throw new Error(client.status);
      });
      const started = Date.now();
      await expect(client.set('k', 'v')).rejects.toThrow('Command timed out');
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    }
  });

  it('never emits an unhandled error while it cannot connect', async () => {
    const client = connect('redis://127.0.0.1:1');
    await expect(client.ping()).rejects.toThrow();
    expect(client.listenerCount('error')).toBeGreaterThan(0);
  });
});
