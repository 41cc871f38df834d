import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import type { APIRequestContext, APIResponse } from '@playwright/test';
import { expect, test } from './support/fixtures';

/** What every response of the web server carries, whatever it is (ADR 0011). */
const SECURITY_HEADERS = {
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const IMMUTABLE = 'public, max-age=31536000, immutable';

function expectedCsp(urls: { apiOrigin: string; issuer: string }, nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self'",
    `connect-src 'self' ${urls.apiOrigin} ${urls.issuer}`,
    "base-uri 'self'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types angular',
  ].join('; ');
}

function nonceOf(response: APIResponse): string {
  return /'nonce-([^']+)'/.exec(response.headers()['content-security-policy'] ?? '')?.[1] ?? '';
}

/** The files index.html loads: `<script src>`, `<link rel=stylesheet|modulepreload href>`. */
function loadedFiles(html: string): { tag: string; path: string; integrity: string | undefined }[] {
  return [...html.matchAll(/<(script|link)\b[^>]*>/g)]
    .map(([tag]) => ({
      tag,
      path: /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1] ?? '',
      integrity: /\bintegrity="([^"]+)"/.exec(tag)?.[1],
      rel: /\brel="([^"]+)"/.exec(tag)?.[1],
    }))
    .filter(({ tag, rel }) => tag.startsWith('<script') || rel !== 'icon')
    .map(({ tag, path, integrity }) => ({ tag, path: `/${path}`, integrity }));
}

interface RawAnswer {
  status: number;
  /** Header lines as sent, in order, names lower-cased: a header sent twice shows twice. */
  headers: [string, string][];
}

/** Sends `head` (and `body`) as they are, on a connection of their own; the first answer. */
function rawRequest(origin: string, head: string, body = ''): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: hostname === 'localhost' ? '127.0.0.1' : hostname,
      port: +port,
    });
    let received = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n\r\n');
      if (end === -1) return;
      const [statusLine, ...lines] = received.slice(0, end).split('\r\n');
      socket.destroy();
      resolve({
        status: Number(statusLine.split(' ')[1]),
        headers: lines.map((line) => {
          const colon = line.indexOf(':');
          return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
        }),
      });
    });
    socket.on('error', reject);
    socket.write(head + body);
  });
}

/** Names of headers an answer carries more than once. */
function repeated(headers: [string, string][]): string[] {
  const names = headers.map(([name]) => name);
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

async function shell(request: APIRequestContext) {
  const response = await request.get('/');
  const html = await response.text();
  const files = loadedFiles(html);
  const first = (extension: string) => files.find(({ path }) => path.endsWith(extension))?.path;
  return { response, html, files, script: first('.js') ?? '', stylesheet: first('.css') ?? '' };
}

test.describe('the web server', () => {
  test('sends every security header on the shell, a deep link, bundles, config.json and a 404', async ({
    request,
    urls,
  }) => {
    const { script, stylesheet } = await shell(request);
    const cases = [
      { path: '/', status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache' },
      { path: '/chat', status: 200, type: 'text/html; charset=utf-8', cache: 'no-cache' },
      {
        path: '/auth/callback?code=abc&state=xyz',
        status: 200,
        type: 'text/html; charset=utf-8',
        cache: 'no-cache',
      },
      { path: script, status: 200, type: 'text/javascript; charset=utf-8', cache: IMMUTABLE },
      { path: stylesheet, status: 200, type: 'text/css; charset=utf-8', cache: IMMUTABLE },
      { path: '/favicon.ico', status: 200, type: 'image/x-icon', cache: 'no-cache' },
      {
        path: '/config.json',
        status: 200,
        type: 'application/json; charset=utf-8',
        cache: 'no-store',
      },
      {
        path: '/main-ZZZZZZZZ.js',
        status: 404,
        type: 'text/html; charset=utf-8',
        cache: 'no-store',
      },
    ];
    for (const { path, status, type, cache } of cases) {
      const response = await request.get(path);
      const headers = response.headers();
      const seen = {
        status: response.status(),
        type: headers['content-type'],
        cache: headers['cache-control'],
        csp: headers['content-security-policy'],
        ...Object.fromEntries(Object.keys(SECURITY_HEADERS).map((name) => [name, headers[name]])),
        server: headers['server'],
        hsts: headers['strict-transport-security'],
      };
      expect(seen, path).toEqual({
        status,
        type,
        cache,
        csp: expectedCsp(urls, nonceOf(response)),
        ...SECURITY_HEADERS,
        server: 'nginx',
        hsts: undefined,
      });
      expect(nonceOf(response), path).toMatch(/^[0-9a-f]{32}$/);
      expect(headers['permissions-policy'], path).toMatch(/^([a-z-]+=\(\), )+[a-z-]+=\(\)$/);
    }
  });

  test('denies every powerful feature, and Chromium knows each one it names', async ({
    page,
    request,
  }) => {
    const policy = (await request.get('/')).headers()['permissions-policy'] ?? '';
    for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
      expect(policy).toContain(`${feature}=()`);
    }
    const headerErrors: string[] = [];
    page.on('console', (message) => {
      if (/Permissions-Policy/i.test(message.text())) headerErrors.push(message.text());
    });
    await page.goto('/logged-out');
    await expect(page.getByRole('heading', { level: 1, name: 'You are signed out' })).toBeVisible();
    expect(headerErrors).toEqual([]);
    expect(
      await page.evaluate(() =>
        ['camera', 'microphone', 'geolocation', 'payment', 'usb'].filter((feature) =>
          (
            document as unknown as { featurePolicy: { allowsFeature(f: string): boolean } }
          ).featurePolicy.allowsFeature(feature),
        ),
      ),
    ).toEqual([]);
  });

  test('gives every response of the shell its own nonce, in the header and in the page', async ({
    request,
  }) => {
    const first = await request.get('/');
    const second = await request.get('/analytics');
    expect(nonceOf(first)).not.toBe(nonceOf(second));
    for (const response of [first, second]) {
      const html = await response.text();
      expect(html).toContain(`<app-root ngcspnonce="${nonceOf(response)}">`);
      expect(html).not.toContain('__CSP_NONCE__');
    }
  });

  test('never revalidates the shell, so a cached page cannot meet a new nonce', async ({
    request,
  }) => {
    const first = await request.get('/');
    expect(first.headers()['etag']).toBeUndefined();
    expect(first.headers()['last-modified']).toBeUndefined();
    const conditional = await request.get('/', {
      headers: { 'if-none-match': '*', 'if-modified-since': new Date().toUTCString() },
    });
    expect(conditional.status()).toBe(200);
    expect(nonceOf(conditional)).not.toBe(nonceOf(first));
  });

  test('index.html loads every script and stylesheet with SRI, and runs nothing inline', async ({
    request,
  }) => {
    const { html, files } = await shell(request);
    expect(files.filter(({ path }) => path.endsWith('.js')).length).toBeGreaterThan(1);
    expect(files.filter(({ path }) => path.endsWith('.css')).length).toBe(1);
    for (const { tag, path, integrity } of files) {
      expect(integrity, tag).toMatch(/^sha384-/);
      const body = await (await request.get(path)).body();
      expect(integrity, tag).toBe(`sha384-${createHash('sha384').update(body).digest('base64')}`);
    }
    expect(html).not.toMatch(/<script\b(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style\b/);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  test('serves the shell for deep links, and a 404 (never the shell) for a missing file', async ({
    request,
  }) => {
    const { html } = await shell(request);
    const withoutNonce = (text: string) => text.replace(/[0-9a-f]{32}/g, '');
    for (const path of ['/chat', '/profile', '/auth/callback?code=abc&state=xyz', '/index.html']) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(withoutNonce(await response.text()), path).toBe(withoutNonce(html));
    }
    for (const path of [
      '/main-ZZZZZZZZ.js',
      '/chunk-ZZZZZZZZ.js',
      '/styles-ZZZZZZZZ.css',
      '/x.map',
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
      expect(await response.text(), path).not.toContain('<app-root');
    }
  });

  test('never lets an error be stored, wherever nginx makes it, nor sends a header twice', async ({
    urls,
  }) => {
    const host = `Host: ${new URL(urls.webOrigin).host}`;
    const cases: [string, string, string, number][] = [
      // Made inside a location.
      ['PUT on the shell', `PUT / HTTP/1.1\r\n${host}\r\nContent-Length: 0\r\n\r\n`, '', 405],
      [
        'a body past the limit',
        `POST / HTTP/1.1\r\n${host}\r\nContent-Length: 2000000\r\n\r\n`,
        'x'.repeat(1024),
        413,
      ],
      [
        'POST on config.json',
        `POST /config.json HTTP/1.1\r\n${host}\r\nContent-Length: 0\r\n\r\n`,
        '',
        405,
      ],
      // Made before nginx chooses a location.
      ['a path above the root', `GET /../../etc/passwd HTTP/1.1\r\n${host}\r\n\r\n`, '', 400],
      ['no Host', 'GET / HTTP/1.1\r\n\r\n', '', 400],
      ['two Hosts', `GET / HTTP/1.1\r\n${host}\r\n${host}\r\n\r\n`, '', 400],
      [
        'a header past the limit',
        `GET / HTTP/1.1\r\n${host}\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        '',
        400,
      ],
      ['a URI past the limit', `GET /${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n\r\n`, '', 414],
      [
        'an unknown transfer coding',
        `GET / HTTP/1.1\r\n${host}\r\nTransfer-Encoding: gzip\r\n\r\n`,
        '',
        501,
      ],
      ['TRACE', `TRACE / HTTP/1.1\r\n${host}\r\n\r\n`, '', 405],
      ['a broken request line', 'GARBAGE\r\n\r\n', '', 400],
    ];
    for (const [name, head, body, status] of cases) {
      const answer = await rawRequest(urls.webOrigin, head, body);
      const value = (header: string) => answer.headers.find(([key]) => key === header)?.[1];
      expect(
        {
          status: answer.status,
          cache: value('cache-control'),
          csp: value('content-security-policy')?.startsWith("default-src 'none'"),
          sniff: value('x-content-type-options'),
          repeated: repeated(answer.headers),
        },
        name,
      ).toEqual({ status, cache: 'no-store', csp: true, sniff: 'nosniff', repeated: [] });
    }
  });

  test('answers a range past a bundle with the whole bundle, never a cacheable error', async ({
    request,
    urls,
  }) => {
    const { script } = await shell(request);
    const host = `Host: ${new URL(urls.webOrigin).host}`;
    for (const [path, cache] of [
      [script, IMMUTABLE],
      ['/favicon.ico', 'no-cache'],
      ['/config.json', 'no-store'],
      ['/', 'no-cache'],
    ]) {
      for (const range of ['bytes=99999999-', 'bytes=0-0', 'bytes=0-1,5-9']) {
        const answer = await rawRequest(
          urls.webOrigin,
          `GET ${path} HTTP/1.1\r\n${host}\r\nRange: ${range}\r\n\r\n`,
        );
        const value = (header: string) => answer.headers.find(([key]) => key === header)?.[1];
        expect(
          {
            status: answer.status,
            cache: value('cache-control'),
            repeated: repeated(answer.headers),
          },
          `${path} ${range}`,
        ).toEqual({ status: 200, cache, repeated: [] });
      }
    }
  });

  test('serves the config rendered from the WEB_* variables', async ({ request, urls }) => {
    expect(await (await request.get('/config.json')).json()).toEqual({
      issuer: urls.issuer,
      clientId: 'oracle-ai-web',
      apiBaseUrl: urls.apiOrigin,
      scope: 'openid profile email',
      customQueryParams: {},
      dpop: false,
    });
  });
});
