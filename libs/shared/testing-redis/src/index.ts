export { startRedis, type RunningRedis } from './lib/start-redis';
