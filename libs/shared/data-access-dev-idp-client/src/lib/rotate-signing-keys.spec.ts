import { createServer, type Server } from 'node:http';
import { rotateSigningKeys } from './rotate-signing-keys';

/** Stands in for the dev IdP's test endpoint: what rotation does to the keys is its own spec. */
describe('rotateSigningKeys', () => {
  let server: Server;
  let issuer: string;
  const requests: string[] = [];
  let enabled = true;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (!enabled) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kid: 'k2', publishedKids: ['k2', 'k1'] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  beforeEach(() => {
    requests.length = 0;
    enabled = true;
  });

  it("posts to the test endpoint and returns the IdP's answer", async () => {
    expect(await rotateSigningKeys(issuer)).toEqual({ kid: 'k2', publishedKids: ['k2', 'k1'] });
    expect(requests).toEqual(['POST /dev/rotate-keys']);
  });

  it('asks for the previous key to go at once with dropPrevious', async () => {
    await rotateSigningKeys(issuer, { dropPrevious: true });
    expect(requests).toEqual(['POST /dev/rotate-keys?dropPrevious=true']);
  });

  it('names the missing option when the IdP refuses', async () => {
    enabled = false;
    await expect(rotateSigningKeys(issuer)).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_ROTATION_REFUSED',
      message: 'key rotation refused (HTTP 404): start the dev IdP with enableTestEndpoints',
    });
  });

  it('reports an IdP that does not answer as ERR_DEV_IDP_UNREACHABLE', async () => {
    await expect(rotateSigningKeys('http://127.0.0.1:1')).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_UNREACHABLE',
    });
  });
});
