import { createServer, request } from 'node:http';
import { closeServer, listenOnLoopback } from './loopback-server';

describe('listenOnLoopback', () => {
  it('listens on 127.0.0.1 only, on the port the system chose for 0', async () => {
    const server = createServer((_req, res) => res.end('here'));
    const port = await listenOnLoopback(server, 0);
    try {
      expect(server.address()).toEqual({ address: '127.0.0.1', family: 'IPv4', port });
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('here');
    } finally {
      await closeServer(server);
    }
  });

  it('rejects with EADDRINUSE, and the port, when the port is taken', async () => {
    const first = createServer();
    const port = await listenOnLoopback(first, 0);
    try {
      await expect(listenOnLoopback(createServer(), port)).rejects.toMatchObject({
        code: 'EADDRINUSE',
        port,
      });
    } finally {
      await closeServer(first);
    }
  });
});

describe('closeServer', () => {
  it('ends a response still streaming instead of waiting for it', async () => {
    const server = createServer((_req, res) => res.write('first piece'));
    const port = await listenOnLoopback(server, 0);
    const ended = new Promise<string>((resolve) => {
      request(`http://127.0.0.1:${port}/`, (res) => {
        res.once('data', () => void closeServer(server));
        res.once('close', () => resolve('ended'));
        res.resume();
      }).end();
    });
    await expect(ended).resolves.toBe('ended');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('rejects when the server was not listening', async () => {
    await expect(closeServer(createServer())).rejects.toMatchObject({
      code: 'ERR_SERVER_NOT_RUNNING',
    });
  });
});
