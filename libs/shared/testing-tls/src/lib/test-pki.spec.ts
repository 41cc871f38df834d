import { existsSync } from 'node:fs';
import { createServer, connect, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createTestPki, type TestPki } from './test-pki';

describe('createTestPki', () => {
  let pki: TestPki;

  beforeAll(() => {
    pki = createTestPki();
  });

  afterAll(() => pki.remove());

  /** A TLS handshake on loopback with these client options; resolves to the authorized state. */
  async function handshake(client: {
    ca: string;
    cert?: string;
    key?: string;
  }): Promise<{ ok: boolean; peer?: string }> {
    const server = createServer({
      cert: pki.serverCert.pem,
      key: pki.serverKey.pem,
      ca: pki.ca.pem,
      requestCert: true,
      rejectUnauthorized: false,
    });
    const peer = new Promise<string | undefined>((resolve) =>
      server.once('secureConnection', (socket: TLSSocket) => {
        resolve(socket.authorized ? String(socket.getPeerCertificate().subject.CN) : undefined);
        socket.end();
      }),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const ok = await new Promise<boolean>((resolve) => {
        const socket = connect(
          { host: '127.0.0.1', port, servername: 'localhost', ...client },
          () => {
            resolve(true);
            socket.end();
          },
        );
        socket.once('error', () => resolve(false));
      });
      return ok ? { ok, peer: await peer } : { ok };
    } finally {
      server.close();
    }
  }

  it('writes PEM files', () => {
    for (const file of [pki.ca, pki.serverCert, pki.serverKey, pki.clientCert, pki.clientKey]) {
      expect(existsSync(file.path)).toBe(true);
      expect(file.pem).toMatch(/^-----BEGIN /);
    }
  });

  it('a client trusting the CA accepts the server, and the server knows the client', async () => {
    expect(
      await handshake({ ca: pki.ca.pem, cert: pki.clientCert.pem, key: pki.clientKey.pem }),
    ).toEqual({
      ok: true,
      peer: 'oracle-ai-api',
    });
  });

  it('a client trusting another CA refuses the server', async () => {
    expect(await handshake({ ca: pki.otherCa.pem })).toEqual({ ok: false });
  });

  it('the server does not authorize a client certificate from another CA', async () => {
    expect(
      await handshake({ ca: pki.ca.pem, cert: pki.strangerCert.pem, key: pki.strangerKey.pem }),
    ).toEqual({
      ok: true,
      peer: undefined,
    });
  });
});
