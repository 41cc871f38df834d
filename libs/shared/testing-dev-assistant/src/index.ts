export type {
  DevAssistantRequest,
  DevAssistantScript,
} from '@oracle-ai/shared/util-dev-assistant-test-api';
export { DevAssistantTestApi, type WaitOptions } from './lib/dev-assistant-test-api';
export {
  startDevAssistant,
  type RunningDevAssistant,
  type StartDevAssistantOptions,
} from './lib/start-dev-assistant';
