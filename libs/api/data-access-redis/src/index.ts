export { connectFailFastRedis, type FailFastRedisOptions } from './lib/fail-fast-redis';
