import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers one request (the dev model server's test scripts, in miniature). */
export interface FakeAnswer {
  /** Non-2xx: that status with an OpenAI-style error body whose message is `errorMessage`. */
  status?: number;
  errorMessage?: string;
  headers?: Record<string, string>;
  /** Sent instead of an event stream, with `headers` (e.g. a JSON answer). */
  rawBody?: string;
  headersDelayMs?: number;
  firstChunkDelayMs?: number;
  /** `data:` payloads, each sent as one event; default: a short answer of three pieces. */
  events?: string[];
  /** Written as they are, one write each, instead of events (a line that never ends, say). */
  raw?: string[];
  /** Content pieces, each wrapped as a `chat.completion.chunk` event. */
  chunks?: string[];
  /** Send the events this many times (a long answer). */
  repeat?: number;
  intervalMs?: number;
  /** `done`: `[DONE]` then end; `cut`: end without it; `reset`: destroy the socket; `hang`: keep it open. */
  end?: 'done' | 'cut' | 'reset' | 'hang';
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** The client closed the connection before the answer ended. */
  clientAborted: boolean;
  finished: boolean;
  /** Events written, and whether a write was ever refused (the client stopped reading). */
  eventsSent: number;
  bytesSent: number;
  backpressured: boolean;
}

/** An OpenAI-compatible model server on loopback whose answers a test scripts, one per request. */
export class FakeModelServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts: FakeAnswer[] = [];
  private readonly open = new Set<ServerResponse>();

  private readonly server: Server = createServer(
    (request, response) => void this.handle(request, response),
  );
  private url = '';

  private constructor() {
    // Made by start(), once listening.
  }

  static async start(): Promise<FakeModelServer> {
    const fake = new FakeModelServer();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}/v1`;
    return fake;
  }

  /** `http://127.0.0.1:<port>/v1` */
  get baseUrl(): string {
    return this.url;
  }

  /** Queues answers for the next requests, first in first out; without one, a short answer. */
  script(...answers: FakeAnswer[]): void {
    this.scripts.push(...answers);
  }

  /** Resolves once `check` holds for the request log, or rejects after `timeoutMs`. */
  async waitFor(check: (requests: RecordedRequest[]) => boolean, timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.requests)) {
      if (Date.now() > deadline) {
        throw new Error(`fake model server: condition not met in ${timeoutMs} ms`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async stop(): Promise<void> {
    for (const response of this.open) response.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let text = '';
    for await (const piece of request) text += String(piece);
    const recorded: RecordedRequest = {
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      body: text === '' ? undefined : JSON.parse(text),
      clientAborted: false,
      finished: false,
      eventsSent: 0,
      bytesSent: 0,
      backpressured: false,
    };
    this.requests.push(recorded);
    this.open.add(response);
    response.on('close', () => {
      this.open.delete(response);
      if (!recorded.finished) recorded.clientAborted = true;
    });
    const answer = this.scripts.shift() ?? {};
    await pause(answer.headersDelayMs, response);
    if (response.destroyed) return;
    if (answer.status !== undefined && (answer.status < 200 || answer.status > 299)) {
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      response.end(
        JSON.stringify({
          error: { message: answer.errorMessage ?? 'failure', type: 'server_error', code: null },
        }),
      );
      recorded.finished = true;
      return;
    }
    if (answer.rawBody !== undefined) {
      response.writeHead(answer.status ?? 200, answer.headers);
      response.end(answer.rawBody);
      recorded.finished = true;
      return;
    }
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      ...answer.headers,
    });
    response.flushHeaders();
    await pause(answer.firstChunkDelayMs, response);
    const writes =
      answer.raw ??
      (answer.events ?? chunkEvents(answer.chunks ?? ['The ', 'answer', '.'])).map(
        (data) => `data: ${data}\n\n`,
      );
    for (let round = 0; round < (answer.repeat ?? 1); round++) {
      for (const text of writes) {
        if (response.destroyed) return;
        if (recorded.eventsSent > 0) await pause(answer.intervalMs, response);
        recorded.eventsSent++;
        recorded.bytesSent += Buffer.byteLength(text);
        if (!response.write(text)) {
          recorded.backpressured = true;
          await drainedOrClosed(response);
        }
      }
    }
    if (response.destroyed) return;
    switch (answer.end ?? 'done') {
      case 'done':
        recorded.finished = true;
        response.end('data: [DONE]\n\n');
        return;
      case 'cut':
        recorded.finished = true;
        response.end();
        return;
      case 'reset':
        response.destroy();
        return;
      case 'hang':
        return;
    }
  }
}

/** Content pieces as the `chat.completion.chunk` events an OpenAI-compatible server sends. */
export function chunkEvents(pieces: string[], model = 'upstream-model'): string[] {
  const chunk = (delta: object, finish: string | null) =>
    JSON.stringify({
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: 1_700_000_000,
      model,
      system_fingerprint: 'fp_upstream',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    });
  return [
    chunk({ role: 'assistant', content: '' }, null),
    ...pieces.map((content) => chunk({ content }, null)),
    chunk({}, 'stop'),
  ];
}

function drainedOrClosed(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

/** Waits `ms`, or less when the client goes away meanwhile. */
function pause(ms: number | undefined, response: ServerResponse): Promise<void> {
  if (ms === undefined || ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      response.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    response.on('close', done);
  });
}
