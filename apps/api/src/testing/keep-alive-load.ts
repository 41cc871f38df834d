import { Agent, get } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/** One request of a load run, as the client saw it. */
export interface RequestOutcome {
  /** `performance.now()` when the request was made. */
  startedAt: number;
  /**
   * It went out on a connection that was already open: its bytes were written to the socket at
   * once (in the turn it was made), not after a connect.
   */
  reusedConnection: boolean;
  status?: number;
  /** The response's `Connection` header. */
  connection?: string;
  /** `ECONNREFUSED`, `ECONNRESET`, … when no response arrived. */
  error?: string;
  settled: boolean;
}

export interface LoadOptions {
  url: string;
  /** Concurrent clients, each with one keep-alive connection, each sending one request at a time. */
  clients: number;
  headers?: Record<string, string>;
  /** Pause between a client's requests (bounds the load on a shared machine). */
  pauseMs?: number;
  /** A client stops once its connection is refused (the server is gone), instead of retrying. */
  stopWhenRefused?: boolean;
  /** Hard limits, whatever happens: every run ends by itself. */
  maxDurationMs?: number;
}

export interface LoadRun {
  readonly outcomes: readonly RequestOutcome[];
  /** Requests made but not answered yet. */
  inFlight(): RequestOutcome[];
  stop(): Promise<void>;
}

/** Busy keep-alive clients (`http.Agent`, one socket each) sending GETs in a loop. */
export function startLoad(options: LoadOptions): LoadRun {
  const outcomes: RequestOutcome[] = [];
  const deadline = performance.now() + (options.maxDurationMs ?? 60_000);
  let stopped = false;
  const clients = Array.from({ length: options.clients }, async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      while (!stopped && performance.now() < deadline) {
        const outcome = await send(options, agent, outcomes);
        if (outcome.error === 'ECONNREFUSED' && options.stopWhenRefused) break;
        if (options.pauseMs) await sleep(options.pauseMs);
      }
    } finally {
      agent.destroy();
    }
  });
  const all = Promise.all(clients);
  return {
    outcomes,
    inFlight: () => outcomes.filter((outcome) => !outcome.settled),
    async stop() {
      stopped = true;
      await all;
    },
  };
}

function send(
  options: LoadOptions,
  agent: Agent,
  outcomes: RequestOutcome[],
): Promise<RequestOutcome> {
  const outcome: RequestOutcome = {
    startedAt: performance.now(),
    reusedConnection: false,
    settled: false,
  };
  outcomes.push(outcome);
  return new Promise((resolve) => {
    const settle = (fields: Partial<RequestOutcome>) => {
      if (outcome.settled) return;
      Object.assign(outcome, fields, { settled: true });
      resolve(outcome);
    };
    const request = get(options.url, { agent, headers: options.headers }, (response) => {
      response.resume();
      response.on('end', () =>
        settle({ status: response.statusCode, connection: response.headers.connection }),
      );
      response.on('error', (error: NodeJS.ErrnoException) => settle({ error: error.code }));
    });
    // Set by the agent when it hands this request a free socket, before anything is written.
    outcome.reusedConnection = request.reusedSocket;
    request.on('error', (error: NodeJS.ErrnoException) =>
      settle({ error: error.code ?? error.message }),
    );
  });
}
