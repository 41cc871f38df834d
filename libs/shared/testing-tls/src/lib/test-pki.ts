import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A PEM file and its content. */
export interface PemFile {
  path: string;
  pem: string;
}

export interface TestPki {
  dir: string;
  /** The CA that signed the server and client certificates. */
  ca: PemFile;
  /** For `localhost` and `127.0.0.1`, server authentication. */
  serverCert: PemFile;
  serverKey: PemFile;
  /** Client authentication (mutual TLS). */
  clientCert: PemFile;
  clientKey: PemFile;
  /** A CA that signed nothing here: trusting it alone must fail the handshake. */
  otherCa: PemFile;
  /** A client certificate from `otherCa`. */
  strangerCert: PemFile;
  strangerKey: PemFile;
  /** Removes every file. */
  remove(): void;
}

/**
 * Makes a throwaway PKI with `openssl` (P-256 keys, valid two days) in a temporary directory:
 * for tests of TLS trust and mutual TLS on loopback, never for anything else.
 */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'test-pki-'));
  const file = (name: string): PemFile => {
    const path = join(dir, name);
    return { path, pem: readFileSync(path, 'utf8') };
  };
  try {
    makeCa(dir, 'ca', 'oracle-ai test CA');
    makeCa(dir, 'other-ca', 'unrelated test CA');
    issue(
      dir,
      'ca',
      'server',
      'localhost',
      'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n',
    );
    issue(dir, 'ca', 'client', 'oracle-ai-api', 'extendedKeyUsage=clientAuth\n');
    issue(dir, 'other-ca', 'stranger', 'stranger', 'extendedKeyUsage=clientAuth\n');
    return {
      dir,
      ca: file('ca.crt'),
      serverCert: file('server.crt'),
      serverKey: file('server.key'),
      clientCert: file('client.crt'),
      clientKey: file('client.key'),
      otherCa: file('other-ca.crt'),
      strangerCert: file('stranger.crt'),
      strangerKey: file('stranger.key'),
      remove: () => rmSync(dir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

const KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

function makeCa(dir: string, name: string, commonName: string): void {
  openssl(dir, [
    'req',
    '-x509',
    ...KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-subj',
    `/CN=${commonName}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
}

function issue(
  dir: string,
  ca: string,
  name: string,
  commonName: string,
  extensions: string,
): void {
  writeFileSync(join(dir, `${name}.ext`), extensions);
  openssl(dir, [
    'req',
    ...KEY,
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.csr`,
    '-subj',
    `/CN=${commonName}`,
  ]);
  openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.crt`,
    '-CAkey',
    `${ca}.key`,
    '-CAcreateserial',
    '-out',
    `${name}.crt`,
    '-days',
    '2',
    '-extfile',
    `${name}.ext`,
  ]);
}
