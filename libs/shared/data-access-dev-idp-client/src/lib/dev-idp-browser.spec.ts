import { createServer, type Server } from 'node:http';
import { DevIdpBrowser } from './dev-idp-browser';

/** A stand-in IdP: a login form, a session cookie, and a redirect to a client that nothing serves. */
function fakeIdp(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const loggedIn = (req.headers.cookie ?? '').includes('session=s1');
    if (url.pathname === '/auth' && !loggedIn) {
      res.writeHead(302, { location: '/login?uid=1&amp;x=2' }).end();
    } else if (url.pathname.startsWith('/login') && req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<form method="post" action="/login/submit?uid=1&amp;x=2"></form>');
    } else if (url.pathname === '/login/submit') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const ok = new URLSearchParams(body).get('password') === 'alice';
        if (!ok) return void res.writeHead(401).end('wrong');
        res.writeHead(303, { location: '/auth', 'set-cookie': 'session=s1; Path=/; HttpOnly' });
        res.end();
      });
    } else if (url.pathname === '/auth') {
      res.writeHead(302, { location: 'http://127.0.0.1:1/callback?code=c1' }).end();
    } else if (url.pathname === '/logout') {
      res.writeHead(200, { 'set-cookie': 'session=; Max-Age=0' }).end('bye');
    } else {
      res.writeHead(404).end();
    }
  });
}

describe('DevIdpBrowser', () => {
  let server: Server;
  let issuer: string;

  beforeAll(async () => {
    server = fakeIdp();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('follows redirects on the IdP, submits the login form and stops at a redirect leaving it', async () => {
    const browser = new DevIdpBrowser(issuer);
    const page = await browser.navigate(`${issuer}/auth`);
    expect(page).toMatchObject({ kind: 'page', status: 200 });
    if (page.kind !== 'page') throw new Error('expected the login page');
    const landing = await browser.submitLogin(page, 'alice', 'alice');
    expect(landing).toEqual({
      kind: 'redirect',
      location: new URL('http://127.0.0.1:1/callback?code=c1'),
    });
  });

  it('keeps the session cookie until the IdP expires it', async () => {
    const browser = new DevIdpBrowser(issuer);
    const page = await browser.navigate(`${issuer}/auth`);
    if (page.kind !== 'page') throw new Error('expected the login page');
    await browser.submitLogin(page, 'alice', 'alice');
    expect((await browser.navigate(`${issuer}/auth`)).kind).toBe('redirect');
    await browser.navigate(`${issuer}/logout`);
    expect((await browser.navigate(`${issuer}/auth`)).kind).toBe('page');
  });

  it('returns a refused login as the page the IdP answered', async () => {
    const browser = new DevIdpBrowser(issuer);
    const page = await browser.navigate(`${issuer}/auth`);
    if (page.kind !== 'page') throw new Error('expected the login page');
    expect(await browser.submitLogin(page, 'alice', 'wrong')).toMatchObject({
      kind: 'page',
      status: 401,
      html: 'wrong',
    });
  });

  it('reports an IdP that does not answer as ERR_DEV_IDP_UNREACHABLE', async () => {
    const browser = new DevIdpBrowser('http://127.0.0.1:1');
    await expect(browser.navigate('http://127.0.0.1:1/auth')).rejects.toMatchObject({
      code: 'ERR_DEV_IDP_UNREACHABLE',
    });
  });
});
