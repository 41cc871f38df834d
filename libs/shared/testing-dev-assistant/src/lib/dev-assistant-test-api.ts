/**
 * The dev model server's test API (`/test/*`, on with DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS=true),
 * as a client. Types mirror `apps/dev-assistant/src/test-api`; this lib's spec runs them against
 * the built server.
 */

/** How the next `/v1/chat/completions` request is answered; scripts are used first in, first out. */
export interface DevAssistantScript {
  /** Non-2xx: that status with an OpenAI-style error body (`errorMessage` as its message). */
  status?: number;
  errorMessage?: string;
  /** Sent as `Retry-After`. */
  retryAfterS?: number;
  /** Before the response headers. */
  headersDelayMs?: number;
  /** After the headers, before the first chunk (the role chunk included). */
  firstChunkDelayMs?: number;
  /** Content pieces; without them, the notes' answer in pieces. */
  chunks?: string[];
  /** Sends the pieces this many times. */
  repeat?: number;
  /** Between pieces; without it, the server's pace. */
  chunkIntervalMs?: number;
  /** `done` (default): `[DONE]`; `cut`: the response ends without it; `reset`: the connection is dropped mid-response (what was written arrives first); `hang`: nothing more is sent. */
  end?: 'done' | 'cut' | 'reset' | 'hang';
}

/** A completion request the server received, as `GET /test/requests` reports it. */
export interface DevAssistantRequest {
  id: string;
  /** ISO 8601. */
  receivedAt: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** The parsed JSON body; null when it was not read or not JSON. */
  body: unknown;
  /** The client closed the connection before the response was complete. */
  clientAborted: boolean;
  /** The server ended the response and wrote all of it. */
  finished: boolean;
  /** Content pieces written (streamed), or carried by the body that was sent (not streamed). */
  chunksSent: number;
  /** The status sent; null before (or without) the headers. */
  status: number | null;
  /** The script that shaped the answer, if any. */
  scriptId: string | null;
}

export interface WaitOptions {
  /** Default 10 s. */
  timeoutMs?: number;
}

const POLL_INTERVAL_MS = 20;

/** A request without its headers and body, short enough for an error message. */
function summarize(request: DevAssistantRequest): Partial<DevAssistantRequest> {
  const { id, status, scriptId, finished, clientAborted, chunksSent } = request;
  return { id, status, scriptId, finished, clientAborted, chunksSent };
}

/** Calls the test API of a dev model server at `origin` (`http://127.0.0.1:<port>`). */
export class DevAssistantTestApi {
  constructor(private readonly origin: string) {}

  /** Queues one script; resolves with its id. A refused script rejects with the server's reason. */
  async script(script: DevAssistantScript): Promise<{ id: string }> {
    const response = await fetch(`${this.origin}/test/scripts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(script),
    });
    return (await this.expect(response, 201, 'POST /test/scripts')) as { id: string };
  }

  /** Queues several scripts in order. */
  async scripts(...scripts: DevAssistantScript[]): Promise<{ id: string }[]> {
    const ids: { id: string }[] = [];
    for (const script of scripts) ids.push(await this.script(script));
    return ids;
  }

  /** Every completion request since the last reset, oldest first. */
  async requests(): Promise<DevAssistantRequest[]> {
    const response = await fetch(`${this.origin}/test/requests`);
    return (await this.expect(response, 200, 'GET /test/requests')) as DevAssistantRequest[];
  }

  /** Forgets the queued scripts and the logged requests. */
  async reset(): Promise<void> {
    const response = await fetch(`${this.origin}/test/reset`, { method: 'POST' });
    await this.expect(response, 204, 'POST /test/reset');
  }

  /**
   * Polls the log until a request satisfies `predicate` (e.g. `(r) => r.clientAborted`) and
   * returns it; rejects after `timeoutMs` with the requests seen last.
   */
  async waitForRequest(
    predicate: (request: DevAssistantRequest) => boolean,
    { timeoutMs = 10_000 }: WaitOptions = {},
  ): Promise<DevAssistantRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const requests = await this.requests();
      const found = requests.find(predicate);
      if (found) return found;
      if (Date.now() >= deadline) {
        throw new Error(
          `no request to the dev model server matched within ${timeoutMs} ms; requests: ${JSON.stringify(
            requests.map(summarize),
          )}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
  }

  private async expect(response: Response, status: number, call: string): Promise<unknown> {
    const text = await response.text();
    if (response.status === 404) {
      throw new Error(
        `${call}: 404 — the dev model server runs without its test endpoints (enableTestEndpoints: false)`,
      );
    }
    if (response.status !== status) {
      const reason = (JSON.parse(text || '{}') as { error?: { message?: string } }).error?.message;
      throw new Error(`${call}: HTTP ${response.status}${reason ? ` — ${reason}` : ''}`);
    }
    return text === '' ? undefined : JSON.parse(text);
  }
}
