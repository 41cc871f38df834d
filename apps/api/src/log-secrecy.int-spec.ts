import { connect } from 'node:net';
import { createDpopKey, dpopProof, TestIssuer } from '@oracle-ai/api/testing-issuer';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import { startApi, type RunningApi } from '@oracle-ai/shared/testing-api';

jest.setTimeout(60_000);

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** What the API answered on a raw connection: its status line, or the connection's end. */
function rawExchange(api: RunningApi, name: string, bytes: string): Promise<string> {
  const { hostname, port } = new URL(api.url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(answer.split('\r\n')[0] ?? ''));
    socket.setTimeout(10_000, () => socket.destroy(new Error(`${name}: no answer within 10 s`)));
    // Not `end()`: a half-closed request is dropped by the server before it answers.
    socket.write(bytes);
  });
}

/**
 * Everything the process printed, plus what a log line could hide a secret in: byte arrays (a
 * serialized Buffer, such as Node's `rawPacket`) and base64 runs, decoded.
 */
function decodedLogs(output: string): string {
  const byteArrays = [...output.matchAll(/\[(\d{1,3}(?:,\d{1,3}){7,})\]/g)].map(([, bytes]) =>
    Buffer.from(bytes.split(',').map(Number)).toString('latin1'),
  );
  const base64Runs = [...output.matchAll(/[A-Za-z0-9+/_-]{40,}={0,2}/g)].map(([run]) =>
    Buffer.from(run, 'base64').toString('latin1'),
  );
  return [output, ...byteArrays, ...base64Runs].join('\n');
}

/**
 * "Tokens never appear in logs", at every log level, for requests an attacker or a broken client
 * can send with a real token: the parser's refusals (whose error carries the raw request bytes),
 * refused tokens and proofs, a body the API cannot parse.
 */
describe('built API logs never hold a token or a DPoP proof', () => {
  let issuer: TestIssuer;

  beforeAll(async () => {
    issuer = await TestIssuer.start();
  });

  afterAll(() => issuer.stop());

  it.each(LEVELS)('LOG_LEVEL=%s', async (level) => {
    const port = await findFreePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const key = await createDpopKey();
    const token = await issuer.mint();
    const boundToken = await issuer.mint({ claims: { cnf: { jkt: key.jkt } } });
    const proof = await dpopProof(key, {
      htm: 'GET',
      htu: `${publicUrl}/api/other`,
      accessToken: boundToken,
    });
    const secrets = { token, 'DPoP-bound token': boundToken, 'DPoP proof': proof };
    // Ready (keys loaded): the accepted request is answered 200, whatever the machine's load.
    const api = await startApi({ issuer: issuer.issuer, port, env: { LOG_LEVEL: level } });
    const bearer = `Authorization: Bearer ${token}`;
    const dpop = `Authorization: DPoP ${boundToken}\r\nDPoP: ${proof}`;
    const head = (path = '/api/me', method = 'GET') =>
      `${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close`;
    const answers: Record<string, string> = {};
    try {
      const hostile: Record<string, string> = {
        accepted: `${head()}\r\n${bearer}\r\n\r\n`,
        'headers too large': `${head()}\r\n${bearer}\r\nX-Filler: ${'a'.repeat(40_000)}\r\n\r\n`,
        'a bare LF after the token': `${head()}\r\n${bearer}\nX-Next: 1\r\n\r\n`,
        'a control character in a header': `${head()}\r\n${bearer}\r\nX-Bad: a\u0001b\r\n\r\n`,
        'a broken chunked body': `${head('/api/me', 'POST')}\r\n${bearer}\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n${token}\r\n`,
        'Content-Length and Transfer-Encoding': `${head('/api/me', 'POST')}\r\n${bearer}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        'a bad method after a good request': `GET /api/me HTTP/1.1\r\nHost: x\r\n${bearer}\r\n\r\nG\u0000T / HTTP/1.1\r\n${bearer}\r\n\r\n`,
        'a proof for another URL': `${head()}\r\n${dpop}\r\n\r\n`,
        'a proof with headers too large': `${head()}\r\n${dpop}\r\nX-Filler: ${'a'.repeat(40_000)}\r\n\r\n`,
        'the token in the query': `${head(`/api/me?access_token=${token}`)}\r\n\r\n`,
        'two Authorization headers': `${head()}\r\n${bearer}\r\n${bearer}\r\n\r\n`,
        'a body that is not JSON': `${head('/api/me', 'OPTIONS')}\r\n${bearer}\r\nContent-Type: application/json\r\nContent-Length: ${token.length + 1}\r\n\r\n{${token}`,
      };
      for (const [name, bytes] of Object.entries(hostile)) {
        answers[name] = await rawExchange(api, name, bytes);
      }
    } finally {
      await api.stop();
    }

    expect(answers).toMatchObject({
      accepted: 'HTTP/1.1 200 OK',
      'headers too large': 'HTTP/1.1 431 Request Header Fields Too Large',
      'a bare LF after the token': 'HTTP/1.1 400 Bad Request',
      'a proof for another URL': 'HTTP/1.1 401 Unauthorized',
      'the token in the query': 'HTTP/1.1 400 Bad Request',
    });
    const logs = decodedLogs(api.output());
    // Whole, or any one of its three parts (a cut log line still leaks a signature).
    const leaked = Object.entries(secrets).flatMap(([name, jwt]) =>
      jwt.split('.').some((part) => logs.includes(part)) ? [name] : [],
    );
    expect(leaked).toEqual([]);
    // The refusals are logged where an operator looks for them, just without the secrets.
    if (level === 'debug' || level === 'trace') {
      expect(api.output()).toContain('"code":"HPE_HEADER_OVERFLOW"');
      expect(api.output()).toContain('"code":"HPE_CR_EXPECTED"');
    }
  });
});
