import { createServer } from 'node:net';

/** A loopback port taken by `holdPort`, until `release()`. */
export interface HeldPort {
  port: number;
  release(): Promise<void>;
}

/**
 * A TCP port free on 127.0.0.1 right now (bound, then released). Another process can take it
 * before the caller binds it, so a server started on it may still report the port taken.
 */
export async function findFreePort(): Promise<number> {
  const held = await holdPort();
  await held.release();
  return held.port;
}

/** Binds a free port on 127.0.0.1 and keeps it until `release()`: for tests of a port in use. */
export function holdPort(): Promise<HeldPort> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ port, release: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
