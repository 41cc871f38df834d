export type { DevAssistantRequest } from './lib/request-record';
export {
  DEV_ASSISTANT_SCRIPT_ENDS,
  type DevAssistantScript,
  type DevAssistantScriptEnd,
} from './lib/script';
export { DEV_ASSISTANT_TEST_ROUTES } from './lib/test-routes';
