export const DEV_ASSISTANT_SCRIPT_ENDS = ['done', 'cut', 'reset', 'hang'] as const;

/**
 * How an answer ends: `done`, with `[DONE]`; `cut`, the response ends without it; `reset`, the
 * connection is dropped mid-response (what was written arrives first); `hang`, nothing more is
 * sent and the connection stays open.
 */
export type DevAssistantScriptEnd = (typeof DEV_ASSISTANT_SCRIPT_ENDS)[number];

/**
 * How the next `/v1/chat/completions` request is answered (`POST /test/scripts`); scripts are
 * used first in, first out. The server refuses an unknown field, and a field that cannot apply.
 */
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
  /** Default `done`. */
  end?: DevAssistantScriptEnd;
}
