import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CALLBACK_PAGE_HEADERS, failedPage, type CallbackPage } from './callback-page';
import { OAuthError } from './oauth-error';

const CALLBACK_PATH = '/callback';

/** How one callback went: the page for the browser, and the result when it ends the wait. */
export interface CallbackOutcome<T> {
  page: CallbackPage;
  result?: T;
}

export interface ServeOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/**
 * The redirect URI of a native app (RFC 8252 §7.3): `http://127.0.0.1:<port>/callback`, an HTTP
 * listener bound to the loopback interface only (never `localhost`, which may resolve elsewhere
 * or to IPv6 only, nor every interface). Callbacks are handled one at a time, so two requests
 * can never redeem the same answer twice.
 */
export class LoopbackRedirect {
  /** Ends a {@link serve} in progress when the listener closes first. */
  private stopServing?: () => void;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  get redirectUri(): string {
    return `http://127.0.0.1:${this.port}${CALLBACK_PATH}`;
  }

  /**
   * Listens on the first of `ports` that is free; `[0]` lets the system choose (for IdPs that
   * accept any loopback port, as RFC 8252 asks). `busyHint` ends the message when every port is
   * taken: what the user can do about it.
   */
  static async listen(ports: readonly number[], busyHint: string): Promise<LoopbackRedirect> {
    const failures: string[] = [];
    for (const port of ports) {
      const server = createServer();
      try {
        await listen(server, port);
        return new LoopbackRedirect(server, (server.address() as AddressInfo).port);
      } catch (error) {
        failures.push(`${port}: ${(error as NodeJS.ErrnoException).code ?? 'failed'}`);
      }
    }
    throw new OAuthError(
      'ERR_PORTS_BUSY',
      `no free loopback port for the sign-in on 127.0.0.1 (${failures.join(', ')}): ${busyHint}`,
    );
  }

  /**
   * Passes each callback to `handle` until one yields a result, which this resolves with. Fails
   * with `ERR_LOGIN_TIMEOUT` after `timeoutMs`, or `ERR_CANCELLED` when `signal` aborts.
   */
  serve<T>(
    handle: (url: URL) => Promise<CallbackOutcome<T>>,
    { timeoutMs, signal }: ServeOptions,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      let queue = Promise.resolve();
      const finish = (settle: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        settle();
      };
      const onAbort = () =>
        finish(() => reject(new OAuthError('ERR_CANCELLED', 'sign-in cancelled')));
      const timer = setTimeout(
        () =>
          finish(() =>
            reject(
              new OAuthError(
                'ERR_LOGIN_TIMEOUT',
                `no sign-in came back from the browser within ${formatDuration(timeoutMs)}: run login again`,
              ),
            ),
          ),
        timeoutMs,
      );
      if (signal?.aborted) onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.stopServing = onAbort;

      this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
        const url = this.callbackUrl(req);
        if (url === undefined) {
          send(res, { status: 404, html: 'Not found' }, 'text/plain; charset=utf-8');
          return;
        }
        queue = queue.then(async () => {
          if (settled) {
            send(res, failedPage('This sign-in is already over.'));
            return;
          }
          let outcome: CallbackOutcome<T>;
          try {
            outcome = await handle(url);
          } catch (error) {
            send(res, failedPage('The sign-in could not be completed.', 500));
            finish(() => reject(error));
            return;
          }
          send(res, outcome.page);
          if (outcome.result !== undefined) {
            const result = outcome.result;
            finish(() => resolve(result));
          }
        });
      });
    });
  }

  close(): Promise<void> {
    this.stopServing?.();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      // A browser keeps its connection open; it must not hold the command.
      this.server.closeAllConnections();
    });
  }

  /** The redirect URI with the request's query; undefined for any other path or method. */
  private callbackUrl(req: IncomingMessage): URL | undefined {
    if (req.method !== 'GET') return undefined;
    // Only the path and query of the request are used: an absolute-form request line
    // (`GET http://elsewhere/callback`) cannot change the redirect URI the code is redeemed with.
    const incoming = URL.parse(req.url ?? '', 'http://127.0.0.1');
    if (incoming?.pathname !== CALLBACK_PATH) return undefined;
    const url = new URL(this.redirectUri);
    url.search = incoming.search;
    return url;
  }
}

function send(res: ServerResponse, page: CallbackPage, contentType?: string): void {
  res.writeHead(page.status, {
    ...CALLBACK_PAGE_HEADERS,
    ...(contentType && { 'content-type': contentType }),
    connection: 'close',
  });
  res.end(page.html);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds % 60 === 0 && seconds >= 60
    ? `${seconds / 60} minute${seconds === 60 ? '' : 's'}`
    : `${seconds} s`;
}
