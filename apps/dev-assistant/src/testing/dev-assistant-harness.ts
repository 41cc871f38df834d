import { request as httpRequest, type IncomingMessage } from 'node:http';
import { findFreePort } from '@oracle-ai/shared/testing-node-process';
import {
  DEV_ASSISTANT_TEST_ROUTES,
  type DevAssistantRequest,
} from '@oracle-ai/shared/util-dev-assistant-test-api';
import { createParser } from 'eventsource-parser';
import type { DevAssistantConfig } from '../config';
import { startDevAssistantServer, type DevAssistantServer } from '../server';

export interface TestServer extends DevAssistantServer {
  origin: string;
}

/** The server in this process on a free loopback port; pace 0 and test endpoints on unless asked. */
export async function startTestServer(
  overrides: Partial<DevAssistantConfig> = {},
): Promise<TestServer> {
  const server = await startDevAssistantServer({
    port: await findFreePort(),
    model: 'oracle-ai-dev',
    apiKey: undefined,
    paceMs: 0,
    enableTestEndpoints: true,
    ...overrides,
  });
  return { ...server, origin: `http://127.0.0.1:${server.port}` };
}

export function completionBody(question: string, extra: Record<string, unknown> = {}): object {
  return { model: 'oracle-ai-dev', messages: [{ role: 'user', content: question }], ...extra };
}

/** `POST /v1/chat/completions` with a JSON body. */
export function postCompletion(
  server: TestServer,
  body: unknown,
  init: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${server.origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

/** The `data:` payloads of a server-sent event stream, parsed as a client would. */
export async function readEvents(response: Response): Promise<string[]> {
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  const decoder = new TextDecoder();
  for await (const bytes of response.body as unknown as AsyncIterable<Uint8Array>) {
    parser.feed(decoder.decode(bytes, { stream: true }));
  }
  return events;
}

export interface StreamChunk {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: string; content?: string };
    finish_reason: string | null;
  }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

/** The chunks of a stream that ended with `[DONE]` (which is checked), and their content. */
export async function readCompletionStream(
  response: Response,
): Promise<{ chunks: StreamChunk[]; content: string; events: string[] }> {
  const events = await readEvents(response);
  expect(events.at(-1)).toBe('[DONE]');
  const chunks = events.slice(0, -1).map((data) => JSON.parse(data) as StreamChunk);
  const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
  return { chunks, content, events };
}

export async function loggedRequests(server: TestServer): Promise<DevAssistantRequest[]> {
  return (await (
    await fetch(`${server.origin}${DEV_ASSISTANT_TEST_ROUTES.requests}`)
  ).json()) as DevAssistantRequest[];
}

/** Polls the request log until `predicate` holds for the latest request; fails after `timeoutMs`. */
export async function waitForLatestRequest(
  server: TestServer,
  predicate: (request: DevAssistantRequest) => boolean,
  timeoutMs = 10_000,
): Promise<DevAssistantRequest> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const latest = (await loggedRequests(server)).at(-1);
    if (latest && predicate(latest)) return latest;
    if (Date.now() > deadline) {
      throw new Error(`the latest request never matched; it is ${JSON.stringify(latest)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export async function postScript(server: TestServer, script: unknown): Promise<Response> {
  return fetch(`${server.origin}${DEV_ASSISTANT_TEST_ROUTES.scripts}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(script),
  });
}

/**
 * A completion request through `node:http`, whose response stream can be paused: the way to
 * be a slow reader that leaves the server's writes unacknowledged.
 */
export function openRawCompletion(server: TestServer, body: unknown): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.origin}/v1/chat/completions`,
      { method: 'POST', headers: { 'content-type': 'application/json' } },
      resolve,
    );
    req.once('error', reject);
    req.end(JSON.stringify(body));
  });
}
