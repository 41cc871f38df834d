export { AssistantClient } from './lib/answer/assistant-client';
export { AssistantError, type AssistantFailure } from './lib/answer/assistant-failure';
export type { ChatMessage } from './lib/history/chat-message';
export {
  conversationMessages,
  questionTooLong,
  type ConversationMessages,
  type Exchange,
} from './lib/history/conversation-messages';
