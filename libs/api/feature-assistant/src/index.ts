export { assistant, type AssistantOptions } from './lib/assistant';
export {
  ANSWER_OUTCOMES,
  type AnswerOutcome,
  type AnswerReport,
  type AssistantTelemetry,
} from './lib/assistant-telemetry';
export {
  AssistantRelay,
  type AssistantRelayOptions,
  type RelayedQuestion,
} from './lib/relay/assistant-relay';
export { codePointLength } from './lib/request/chat-request';
export { BUILT_IN_SYSTEM_PROMPT } from './lib/system-prompt';
