export {
  DevAssistantTestApi,
  type DevAssistantRequest,
  type DevAssistantScript,
  type WaitOptions,
} from './lib/dev-assistant-test-api';
export {
  startDevAssistant,
  type RunningDevAssistant,
  type StartDevAssistantOptions,
} from './lib/start-dev-assistant';
