import { createServer } from 'node:net';
import { networkReason } from './network-reason';

describe('networkReason', () => {
  it('names the system error under fetch failed', async () => {
    // A port that was free a moment ago: nothing listens there now.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const error = await fetch(`http://127.0.0.1:${port}/`).catch((e: unknown) => e);
    expect(networkReason(error)).toBe('ECONNREFUSED');
  });

  it('says "timed out" for an AbortSignal.timeout', async () => {
    const server = createServer(() => undefined).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as { port: number };
    const error = await fetch(`http://127.0.0.1:${port}/`, {
      signal: AbortSignal.timeout(50),
    }).catch((e: unknown) => e);
    server.close();
    expect(networkReason(error)).toBe('timed out');
  });

  it('falls back to the message, made printable', () => {
    expect(networkReason(new Error('bad\nthing'))).toBe('bad thing');
  });
});
