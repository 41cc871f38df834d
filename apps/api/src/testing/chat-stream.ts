import { readFileSync } from 'node:fs';

/** A question in the request shape of the assistant. */
export function question(content: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ messages: [{ role: 'user', content }], ...extra });
}

/** `POST /api/chat/completions` on a built API. */
export function askApi(
  apiUrl: string,
  token: string,
  body: string,
  { headers = {}, signal }: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<Response> {
  return fetch(`${apiUrl}/api/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body,
    signal,
  });
}

/** The `data:` payloads of an event stream, each as soon as it has arrived whole. */
export async function* sseData(response: Response): AsyncGenerator<string, void, undefined> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        if (block.startsWith('data: ')) yield block.slice('data: '.length);
      }
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** The answer's text in a list of payloads (chunks' content; `[DONE]` and errors skipped). */
export function contentOf(payloads: string[]): string {
  return payloads
    .filter((data) => data !== '[DONE]')
    .map((data) => (JSON.parse(data) as { choices?: { delta?: { content?: string } }[] }).choices)
    .map((choices) => choices?.[0]?.delta?.content ?? '')
    .join('');
}

/** Resident memory of a process, from `/proc/<pid>/status` (Linux). */
export function rssKiB(pid: number): number {
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]);
}
