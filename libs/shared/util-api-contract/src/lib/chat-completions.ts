/**
 * `POST /api/chat/completions`: the OpenAI-compatible chat-completions shapes the API takes and
 * answers with — the subset it guarantees. Any OpenAI client can call it with the API as its base
 * URL and an access token as its key.
 */

/** At most this many messages in one request. */
export const CHAT_MAX_MESSAGES = 50;
/** At most this many Unicode code points in one message's content. */
export const CHAT_MAX_CONTENT_CODE_POINTS = 16_000;
/** At most this many bytes of request body. */
export const CHAT_MAX_BODY_BYTES = 256 * 1024;

/** A turn of the conversation the client sends; the API adds its own instructions (system prompt). */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatCompletionRequest {
  /** The conversation so far, oldest first; the last message is the user's question. */
  messages: ChatMessage[];
  /** `true`: `text/event-stream` of {@link ChatCompletionChunk}s, then `data: [DONE]`. */
  stream?: boolean;
  /** Accepted and ignored: answers always name the API's configured model. */
  model?: string;
}

/** Token counts, when the model server reports them. */
export interface ChatCompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** One event of a streamed answer (`data: <json>`). */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: {
    index: number;
    delta: { role?: 'assistant'; content?: string | null };
    finish_reason: string | null;
  }[];
  usage?: ChatCompletionUsage;
}

/** The answer when not streamed. */
export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: {
    index: number;
    message: { role: 'assistant'; content: string };
    finish_reason: string | null;
  }[];
  usage?: ChatCompletionUsage;
}

/**
 * The last event of a stream that failed after it began (then no `data: [DONE]` follows): `code`
 * is `assistant_unavailable` or `assistant_timeout`.
 */
export interface ChatStreamError {
  error: { code: 'assistant_unavailable' | 'assistant_timeout'; message: string };
}
