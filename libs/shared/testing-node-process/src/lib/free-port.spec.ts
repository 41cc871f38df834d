import { createServer } from 'node:net';
import { findFreePort, holdPort } from './free-port';

function listenOn(port: number): Promise<void> {
  const server = createServer();
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => server.close(() => resolve()));
  });
}

describe('findFreePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await findFreePort();
    expect(port).toBeGreaterThan(0);
    await listenOn(port);
  });
});

describe('holdPort', () => {
  it('keeps the port taken until it is released', async () => {
    const held = await holdPort();
    await expect(listenOn(held.port)).rejects.toMatchObject({ code: 'EADDRINUSE' });
    await held.release();
    await listenOn(held.port);
  });
});
