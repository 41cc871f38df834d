import { DevIdpBrowser } from '@oracle-ai/shared/data-access-dev-idp-client';
import type { DevIdpServer } from './server';
import {
  createPkce,
  loginToSpa,
  logoutFormOf,
  SPA_LOGGED_OUT_URI,
  SPA_ORIGIN,
  spaAuthorizationUrl,
  startTestIdp,
} from './testing/dev-idp-harness';

jest.setTimeout(15_000);

interface Hop {
  url: URL;
  response: Response;
}

/** Every response on the way to a page, following the IdP's own redirects (not those leaving it). */
async function visit(
  browser: DevIdpBrowser,
  url: string | URL,
  init?: RequestInit,
): Promise<Hop[]> {
  const hops: Hop[] = [];
  let next = new URL(url);
  let response = await browser.fetch(next, init);
  for (;;) {
    hops.push({ url: next, response });
    const location = response.headers.get('location');
    const target = location ? new URL(location, next) : null;
    if (!target || target.origin !== next.origin) return hops;
    await response.body?.cancel();
    next = target;
    response = await browser.fetch(next);
  }
}

function lastHop(hops: Hop[]): Hop {
  return hops[hops.length - 1];
}

function form(fields: Record<string, string>): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  };
}

async function loginPageOf(browser: DevIdpBrowser, issuer: string): Promise<Hop> {
  return lastHop(await visit(browser, spaAuthorizationUrl(issuer, createPkce().challenge)));
}

async function logoutPage(issuer: string, extra: Record<string, string> = {}) {
  const { browser, tokens } = await loginToSpa(issuer);
  const url = new URL('/session/end', issuer);
  url.search = new URLSearchParams({ id_token_hint: tokens.id_token, ...extra }).toString();
  const hop = lastHop(await visit(browser, url));
  return { browser, hop, html: await hop.response.text() };
}

/** What the logout page's script posts: the provider's form with its xsrf, confirmed. */
async function confirmLogout(browser: DevIdpBrowser, html: string): Promise<Hop[]> {
  const { action, xsrf } = logoutFormOf(html);
  return visit(browser, action, form({ xsrf, logout: 'yes' }));
}

type PageVisit = (issuer: string) => Promise<Hop[]>;

/** Every kind of page the dev IdP renders, own handlers and oidc-provider's alike. */
const PAGES: [name: string, status: number, visit: PageVisit][] = [
  ['the login page', 200, async (issuer) => [await loginPageOf(new DevIdpBrowser(issuer), issuer)]],
  [
    'the login page after a wrong password',
    401,
    async (issuer) => {
      const browser = new DevIdpBrowser(issuer);
      const login = await loginPageOf(browser, issuer);
      return visit(browser, login.url, form({ username: 'alice', password: 'bob' }));
    },
  ],
  [
    'the sign-in-expired page',
    400,
    (issuer) => visit(new DevIdpBrowser(issuer), `${issuer}/interaction/expired`),
  ],
  [
    'the authorization error page',
    400,
    (issuer) =>
      visit(
        new DevIdpBrowser(issuer),
        spaAuthorizationUrl(issuer, createPkce().challenge, {
          redirect_uri: `${SPA_ORIGIN}/not-registered`,
        }),
      ),
  ],
  [
    'the form_post authorization response',
    200,
    async (issuer) => {
      const { browser } = await loginToSpa(issuer);
      const url = spaAuthorizationUrl(issuer, createPkce().challenge, {
        response_mode: 'form_post',
      });
      return visit(browser, url);
    },
  ],
  [
    'the logout page',
    200,
    async (issuer) => [
      (await logoutPage(issuer, { post_logout_redirect_uri: SPA_LOGGED_OUT_URI })).hop,
    ],
  ],
  [
    'the logout page without a session',
    200,
    (issuer) => visit(new DevIdpBrowser(issuer), `${issuer}/session/end`),
  ],
  [
    'the signed-out page',
    200,
    async (issuer) => {
      const { browser, html } = await logoutPage(issuer);
      return confirmLogout(browser, html);
    },
  ],
  [
    'a page that does not exist',
    404,
    (issuer) => visit(new DevIdpBrowser(issuer), `${issuer}/nope`),
  ],
];

describe('dev IdP frame protection (RFC 9700 §4.16)', () => {
  let idp: DevIdpServer;

  beforeAll(async () => {
    idp = await startTestIdp();
  });

  afterAll(async () => {
    await idp.close();
  });

  const frameHeaders = ({ url, response }: Hop) => ({
    path: url.pathname,
    csp: response.headers.get('content-security-policy'),
    xFrameOptions: response.headers.get('x-frame-options'),
  });
  const denied = (hop: Hop) => ({
    path: hop.url.pathname,
    csp: "frame-ancestors 'none'",
    xFrameOptions: 'DENY',
  });

  it.each(PAGES)(
    '%s cannot be framed, nor anything on the way to it',
    async (_name, status, visitPage) => {
      const hops = await visitPage(idp.issuer);
      const page = lastHop(hops);
      expect(page.response.status).toBe(status);
      if (status !== 404) expect(page.response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(hops.map(frameHeaders)).toEqual(hops.map(denied));
    },
  );

  it('sends them on the consent step and on the JSON endpoints too', async () => {
    const browser = new DevIdpBrowser(idp.issuer);
    const login = await loginPageOf(browser, idp.issuer);
    const hops = await visit(browser, login.url, form({ username: 'alice', password: 'alice' }));
    const consent = hops.filter(({ url }) => url.pathname.startsWith('/interaction/'));
    expect(consent.length).toBeGreaterThanOrEqual(2);
    const discovery = await visit(browser, `${idp.issuer}/.well-known/openid-configuration`);
    expect([...hops, ...discovery].map(frameHeaders)).toEqual([...hops, ...discovery].map(denied));
  });
});
