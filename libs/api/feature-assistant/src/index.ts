export { assistant, type AssistantOptions } from './lib/assistant';
export {
  ANSWER_OUTCOMES,
  type AnswerOutcome,
  type AnswerReport,
  type AssistantTelemetry,
} from './lib/assistant-telemetry';
export { BUILT_IN_SYSTEM_PROMPT } from './lib/system-prompt';
