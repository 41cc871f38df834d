import { request, type Agent } from 'node:http';

/** One streamed answer as the client saw it. */
export interface StreamTiming {
  status: number;
  /** From sending the request to the first content chunk, ms; NaN when none came. */
  firstTokenMs: number;
  /** Chunks that carried content. */
  contentChunks: number;
  /** From the first content chunk to the last, ms. */
  streamingMs: number;
  /** Whether the stream ended with `data: [DONE]`. */
  done: boolean;
}

/** What marks a content chunk in both the dev model server's and the API's serialization. */
const CONTENT_MARK = '"delta":{"content":';
const DONE_MARK = 'data: [DONE]';

/**
 * POSTs a streamed chat completion and times it without parsing JSON: content chunks are counted
 * by their marker, across read boundaries, so the client costs the same per chunk whoever
 * serializes them and stays out of the way of what is measured.
 */
export function streamOnce(
  url: URL,
  body: string,
  { agent, headers = {} }: { agent: Agent; headers?: Record<string, string> },
): Promise<StreamTiming> {
  return new Promise((resolve, reject) => {
    const startedAt = performance.now();
    let firstAt = Number.NaN;
    let lastAt = Number.NaN;
    let count = 0;
    let tail = '';
    const call = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', ...headers },
        timeout: 120_000,
      },
      (response) => {
        response.setEncoding('utf8');
        response.on('data', (text: string) => {
          const window = tail + text;
          let found = 0;
          for (
            let at = window.indexOf(CONTENT_MARK);
            at !== -1;
            at = window.indexOf(CONTENT_MARK, at + 1)
          ) {
            // A mark wholly inside the carried tail was counted with the previous read.
            if (at + CONTENT_MARK.length > tail.length) found++;
          }
          if (found > 0) {
            const now = performance.now();
            if (count === 0) firstAt = now;
            lastAt = now;
            count += found;
          }
          tail = window.slice(-(DONE_MARK.length + CONTENT_MARK.length));
        });
        response.once('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            firstTokenMs: firstAt - startedAt,
            contentChunks: count,
            streamingMs: lastAt - firstAt,
            done: tail.includes(DONE_MARK),
          }),
        );
        response.once('error', reject);
      },
    );
    call.once('timeout', () => call.destroy(new Error('stream timed out')));
    call.once('error', reject);
    call.end(body);
  });
}
