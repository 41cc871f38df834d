import {
  CHAT_MAX_BODY_BYTES,
  CHAT_MAX_CONTENT_CODE_POINTS,
  CHAT_MAX_MESSAGES,
  type ChatMessage,
} from '@oracle-ai/shared/util-api-contract';

/** An earlier question and what arrived of its answer (maybe nothing). */
export interface Exchange {
  question: string;
  answer: string;
}

export interface ConversationMessages {
  messages: ChatMessage[];
  /** Earlier exchanges left out to stay within the API's limits, oldest first. */
  omittedExchanges: number;
}

/** Room left in the body for the JSON around the messages (`{"messages":[…],"stream":true}`). */
const ENVELOPE_BYTES = 64;
/** The ellipsis an over-long earlier message is cut with. */
const CUT_MARK = ' …';

/**
 * The messages to send for `question` after `history`: the question last, preceded by as many of
 * the most recent exchanges as fit the API's limits (messages per request, body size), whole
 * exchanges only. An earlier message longer than the API accepts is cut to fit, its start kept;
 * the question itself must fit (see `questionTooLong`).
 */
export function conversationMessages(
  history: readonly Exchange[],
  question: string,
): ConversationMessages {
  const last: ChatMessage = { role: 'user', content: question };
  let bytes = ENVELOPE_BYTES + jsonBytes(last);
  let count = 1;
  const kept: ChatMessage[][] = [];
  for (let index = history.length - 1; index >= 0; index--) {
    const exchange = toMessages(history[index]);
    const exchangeBytes = exchange.reduce((sum, message) => sum + jsonBytes(message) + 1, 0);
    if (
      count + exchange.length > CHAT_MAX_MESSAGES ||
      bytes + exchangeBytes > CHAT_MAX_BODY_BYTES
    ) {
      break;
    }
    kept.unshift(exchange);
    count += exchange.length;
    bytes += exchangeBytes;
  }
  return { messages: [...kept.flat(), last], omittedExchanges: history.length - kept.length };
}

/** Whether a question is longer than the API accepts (counted in Unicode code points). */
export function questionTooLong(question: string): boolean {
  // A code point is one or two UTF-16 units: the length alone decides, but in between.
  if (question.length <= CHAT_MAX_CONTENT_CODE_POINTS) return false;
  if (question.length > 2 * CHAT_MAX_CONTENT_CODE_POINTS) return true;
  return codePoints(question).length > CHAT_MAX_CONTENT_CODE_POINTS;
}

function toMessages({ question, answer }: Exchange): ChatMessage[] {
  const messages: ChatMessage[] = [{ role: 'user', content: fitted(question) }];
  // A question whose answer failed before any text stays: it is part of what was said.
  if (answer !== '') messages.push({ role: 'assistant', content: fitted(answer) });
  return messages;
}

function fitted(content: string): string {
  if (content.length <= CHAT_MAX_CONTENT_CODE_POINTS) return content;
  const points = codePoints(content);
  if (points.length <= CHAT_MAX_CONTENT_CODE_POINTS) return content;
  return points.slice(0, CHAT_MAX_CONTENT_CODE_POINTS - CUT_MARK.length).join('') + CUT_MARK;
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

const encoder = new TextEncoder();

function jsonBytes(message: ChatMessage): number {
  return encoder.encode(JSON.stringify(message)).length;
}
