import {
  DEV_ASSISTANT_TEST_ROUTES as ROUTES,
  type DevAssistantRequest,
  type DevAssistantScript,
} from '@oracle-ai/shared/util-dev-assistant-test-api';

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

/**
 * The dev model server's test API (`/test/*`, on with DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS=true),
 * as a client, for a server at `origin` (`http://127.0.0.1:<port>`).
 */
export class DevAssistantTestApi {
  constructor(private readonly origin: string) {}

  /** Queues one script; resolves with its id. A refused script rejects with the server's reason. */
  async script(script: DevAssistantScript): Promise<{ id: string }> {
    const response = await fetch(`${this.origin}${ROUTES.scripts}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(script),
    });
    return (await this.expect(response, 201, `POST ${ROUTES.scripts}`)) as { id: string };
  }

  /** Queues several scripts in order. */
  async scripts(...scripts: DevAssistantScript[]): Promise<{ id: string }[]> {
    const ids: { id: string }[] = [];
    for (const script of scripts) ids.push(await this.script(script));
    return ids;
  }

  /** Every completion request since the last reset, oldest first. */
  async requests(): Promise<DevAssistantRequest[]> {
    const response = await fetch(`${this.origin}${ROUTES.requests}`);
    return (await this.expect(response, 200, `GET ${ROUTES.requests}`)) as DevAssistantRequest[];
  }

  /** Forgets the queued scripts and the logged requests. */
  async reset(): Promise<void> {
    const response = await fetch(`${this.origin}${ROUTES.reset}`, { method: 'POST' });
    await this.expect(response, 204, `POST ${ROUTES.reset}`);
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
