export {
  RuntimeConfigError,
  validateRuntimeConfig,
  type RuntimeConfig,
} from './lib/runtime-config';
