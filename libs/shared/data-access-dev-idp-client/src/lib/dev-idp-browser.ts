import { unreachable } from './dev-idp-error';

/** Where a navigation ended: a page of the IdP, or a redirect that leaves the IdP (to a client). */
export type Landing =
  | { kind: 'page'; url: URL; status: number; html: string }
  | { kind: 'redirect'; location: URL };

const MAX_REDIRECTS = 20;

/**
 * A minimal browser for the dev IdP: keeps its cookies, follows its redirects, fills in its login
 * form. Redirects to other origins are not followed but returned, which is how a test or a script
 * reads the authorization response from a redirect URI nothing listens on.
 */
export class DevIdpBrowser {
  private readonly cookies = new Map<string, string>();
  private readonly origin: string;

  constructor(readonly issuer: string) {
    this.origin = new URL(issuer).origin;
  }

  /** `fetch` with this browser's cookies and without following redirects. */
  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set(
        'cookie',
        [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      );
    }
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers, redirect: 'manual' });
    } catch (error) {
      throw unreachable(this.issuer, error);
    }
    this.storeCookies(response);
    return response;
  }

  /** GET `url` and follow redirects while they stay on the IdP. */
  async navigate(url: string | URL): Promise<Landing> {
    return this.follow(await this.fetch(url), new URL(url));
  }

  /** Submit the dev IdP's login form shown on `page`. */
  async submitLogin(
    page: Extract<Landing, { kind: 'page' }>,
    username: string,
    password: string,
  ): Promise<Landing> {
    const action = /<form method="post" action="([^"]+)"/.exec(page.html)?.[1];
    if (!action) {
      throw new Error(`no login form on ${page.url.href} (HTTP ${page.status})`);
    }
    const url = new URL(action.replaceAll('&amp;', '&'), page.url);
    const response = await this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username, password }),
    });
    return this.follow(response, url);
  }

  private async follow(first: Response, firstUrl: URL): Promise<Landing> {
    let response = first;
    let url = firstUrl;
    for (let hops = 0; hops < MAX_REDIRECTS; hops++) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { kind: 'page', url, status: response.status, html: await response.text() };
      }
      await response.body?.cancel();
      const next = new URL(location, url);
      if (next.origin !== this.origin) {
        return { kind: 'redirect', location: next };
      }
      url = next;
      response = await this.fetch(url);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${firstUrl.href}`);
  }

  private storeCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || attributes.some(isExpiry)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
}

function isExpiry(attribute: string): boolean {
  const [name, value = ''] = attribute.trim().split('=');
  switch (name.toLowerCase()) {
    case 'max-age':
      return Number(value) <= 0;
    case 'expires':
      return Date.parse(value) <= Date.now();
    default:
      return false;
  }
}
