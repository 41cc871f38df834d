export { AssistantClient } from './lib/answer/assistant-client';
export { AssistantError, type AssistantFailure } from './lib/answer/assistant-failure';
export {
  conversationMessages,
  questionTooLong,
  type ConversationMessages,
  type Exchange,
} from './lib/history/conversation-messages';
