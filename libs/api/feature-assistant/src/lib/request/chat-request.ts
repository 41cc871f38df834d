import {
  CHAT_MAX_CONTENT_CODE_POINTS,
  CHAT_MAX_MESSAGES,
  type ChatMessage,
} from '@oracle-ai/shared/util-api-contract';
import { AssistantErrors } from '../errors';

/** A request to the assistant, reduced to what is used: every other field is dropped here. */
export interface ChatRequest {
  messages: ChatMessage[];
  stream: boolean;
  /** Code points of all contents: the size of the question, for the answer's log line. */
  codePoints: number;
}

const SURROGATE_PAIRS = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/**
 * Checks a parsed JSON body against the contract and keeps only `messages` (role and content)
 * and `stream`. Throws `invalid_request` with a message naming the first problem and where it
 * is (`messages[3].content`). Other OpenAI fields (`temperature`, `tools`, …) are accepted and
 * dropped: the model server gets only what the API decides.
 */
export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalid('The body must be a JSON object with "messages"');
  }
  const fields = body as Record<string, unknown>;
  const { messages, stream, model } = fields;
  if (stream !== undefined && typeof stream !== 'boolean') {
    throw invalid('"stream" must be true or false');
  }
  if (model !== undefined && typeof model !== 'string') throw invalid('"model" must be a string');
  if (!Array.isArray(messages) || messages.length === 0) {
    throw invalid('"messages" must be a non-empty array of { role, content }');
  }
  if (messages.length > CHAT_MAX_MESSAGES) {
    throw invalid(
      `"messages" has ${messages.length} messages; at most ${CHAT_MAX_MESSAGES} are accepted (send the latest)`,
    );
  }
  let codePoints = 0;
  const kept = messages.map((message: unknown, index): ChatMessage => {
    const at = `messages[${index}]`;
    if (typeof message !== 'object' || message === null || Array.isArray(message)) {
      throw invalid(`${at} must be an object with "role" and "content"`);
    }
    const { role, content } = message as Record<string, unknown>;
    if (role === 'system' || role === 'developer') {
      throw invalid(
        `${at}.role "${role}" is not accepted: the API gives the assistant its instructions`,
      );
    }
    if (role !== 'user' && role !== 'assistant') {
      throw invalid(`${at}.role must be "user" or "assistant"`);
    }
    if (typeof content !== 'string') throw invalid(`${at}.content must be a string`);
    const length = codePointLength(content);
    if (length > CHAT_MAX_CONTENT_CODE_POINTS) {
      throw invalid(
        `${at}.content has ${length} characters; at most ${CHAT_MAX_CONTENT_CODE_POINTS} are accepted`,
      );
    }
    codePoints += length;
    return { role, content };
  });
  if (kept[kept.length - 1].role !== 'user') {
    throw invalid('The last message must be the user\'s question (role "user")');
  }
  return { messages: kept, stream: stream === true, codePoints };
}

/** Unicode code points: a character outside the BMP (an emoji, a CJK extension) counts once. */
export function codePointLength(text: string): number {
  // No pair can exist in a string shorter than 2; most strings have none, and match() is then cheap.
  return text.length - (text.length < 2 ? 0 : (text.match(SURROGATE_PAIRS)?.length ?? 0));
}

function invalid(message: string): Error {
  return new AssistantErrors.InvalidRequest(message);
}
