import { connect } from 'node:net';
import { startRedis } from './start-redis';

jest.setTimeout(20_000);

/** One command in Redis's inline protocol, and the first reply line. */
function ask(port: number, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write(`${command}\r\n`));
    socket.setEncoding('utf8');
    socket.once('data', (reply: string) => {
      socket.destroy();
      resolve(reply.split('\r\n')[0]);
    });
    socket.once('error', reject);
  });
}

describe('startRedis', () => {
  it('runs redis-server on a free loopback port, ready for commands, until stopped', async () => {
    const redis = await startRedis();
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await ask(redis.port, 'SET k v')).toBe('+OK');
    expect(await ask(redis.port, 'CONFIG GET save')).toBe('*2');
    await redis.stop();
    await expect(ask(redis.port, 'PING')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('names the package to install when Redis is missing', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = '/nonexistent';
    try {
      await expect(startRedis()).rejects.toThrow(
        'Redis is needed for this test: install it with `sudo apt-get install -y redis-server`',
      );
    } finally {
      process.env['PATH'] = path;
    }
  });
});
