/** A turn of the conversation as the API takes it; the API adds its own instructions. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** The API's limits on a request (it refuses anything beyond them with 400 or 413). */
export const CHAT_MAX_MESSAGES = 50;
export const CHAT_MAX_CONTENT_CODE_POINTS = 16_000;
export const CHAT_MAX_BODY_BYTES = 256 * 1024;
