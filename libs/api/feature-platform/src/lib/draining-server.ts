import { Server, type RequestListener, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyServerOptions } from 'fastify';

/** The limits every connection of the public listener lives by. */
export interface HttpServerLimits {
  /**
   * How long an idle keep-alive connection is kept. Above the load balancer's own idle timeout
   * (60 s for nginx, AWS ALB, most others), so the balancer, not the API, closes idle connections:
   * the side that closes never races a request the other side is sending.
   */
  keepAliveTimeoutMs: number;
  /** A request's line and headers must arrive within this (slow-header clients get 408). */
  headersTimeoutMs: number;
  /** The whole request must arrive within this. */
  requestTimeoutMs: number;
  /** Bytes of request line plus headers (431 past it); a bearer token is at most 16 KiB of it. */
  maxHeaderSize: number;
}

export const DEFAULT_HTTP_LIMITS: Readonly<HttpServerLimits> = {
  keepAliveTimeoutMs: 65_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  maxHeaderSize: 32 * 1024,
};

export interface DrainingServerOptions extends Partial<HttpServerLimits> {
  /**
   * Once closing, how long a connection that is idle may still deliver a request its client had
   * already sent before it is closed.
   */
  idleLingerMs?: number;
}

/**
 * An HTTP server whose `close()` loses no request a client has already sent.
 *
 * Node ≥ 19's `close()` (and Fastify's) destroys every idle keep-alive connection at once. But
 * "idle" only means no request has been parsed on it yet: a request already written by the client
 * may be waiting in the socket's buffer, and it is then lost without a response byte. Here,
 * closing instead: stops accepting connections at once; sends every response not begun yet — in
 * flight or still to come — with `Connection: close`, so a busy connection ends after its current
 * response; and closes the connections still idle `idleLingerMs` later, after the event loop has
 * read what had already arrived.
 */
export class DrainingServer extends Server {
  private readonly sockets = new Set<Socket>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    listener: RequestListener,
    private readonly idleLingerMs: number,
    limits: HttpServerLimits,
  ) {
    super(
      {
        maxHeaderSize: limits.maxHeaderSize,
        headersTimeout: limits.headersTimeoutMs,
        requestTimeout: limits.requestTimeoutMs,
        // Enforces the two timeouts above this often (Node's default is every 30 s).
        connectionsCheckingInterval: 1_000,
      },
      (request, response) => {
        if (this.closing) response.setHeader('connection', 'close');
        listener(request, response);
      },
    );
    this.keepAliveTimeout = limits.keepAliveTimeoutMs;
    this.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => {
        this.sockets.delete(socket);
        if (this.sockets.size === 0) clearTimeout(this.sweepTimer);
      });
    });
  }

  /** Connections open now, busy or idle. */
  get openConnections(): number {
    return this.sockets.size;
  }

  /**
   * Called by `close()` and by Fastify's close: rather than destroying idle connections now, starts
   * the drain described on the class.
   */
  override closeIdleConnections(): void {
    if (this.closing) return;
    this.closing = true;
    for (const socket of this.sockets) {
      const response = currentResponse(socket);
      if (response !== undefined && !response.headersSent)
        response.setHeader('connection', 'close');
    }
    this.scheduleSweep();
  }

  private scheduleSweep(): void {
    if (this.sockets.size === 0) return;
    this.sweepTimer = setTimeout(() => {
      // The poll phase runs before setImmediate: a request already in a socket's buffer is read
      // (and its connection is busy) before idle connections are closed.
      setImmediate(() => {
        super.closeIdleConnections();
        // A response whose headers went out before the close kept its connection open: it is
        // idle once that response ends, and closed by the next sweep.
        this.scheduleSweep();
      });
    }, this.idleLingerMs);
    this.sweepTimer.unref();
  }
}

/** Node's own pointer to the response in progress on a connection (what `closeIdleConnections` reads). */
function currentResponse(socket: Socket): ServerResponse | undefined {
  return (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage ?? undefined;
}

/**
 * Fastify options for a public listener built on {@link DrainingServer}: its limits, and a close
 * that serves requests arriving on open connections (with `Connection: close`) instead of
 * answering them 503 — a request already sent is completed, not refused.
 */
export function drainingServerOptions({
  idleLingerMs = 1_000,
  ...given
}: DrainingServerOptions = {}): Pick<FastifyServerOptions, 'serverFactory' | 'return503OnClosing'> {
  const limits: HttpServerLimits = { ...DEFAULT_HTTP_LIMITS };
  for (const name of Object.keys(limits) as (keyof HttpServerLimits)[]) {
    limits[name] = given[name] ?? limits[name];
  }
  for (const [name, value] of Object.entries({ ...limits, idleLingerMs })) {
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`drainingServerOptions: ${name} must be a positive whole number`);
    }
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error('drainingServerOptions: headersTimeoutMs must not exceed requestTimeoutMs');
  }
  return {
    serverFactory: (handler) =>
      new DrainingServer(handler as RequestListener, idleLingerMs, limits),
    return503OnClosing: false,
  };
}
