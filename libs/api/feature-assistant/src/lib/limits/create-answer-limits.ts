import type { StoreConfig } from '@oracle-ai/api/util-config';
import type { AnswerLimits, LimitsPolicy } from './answer-limits';
import { MemoryAnswerLimits } from './memory-answer-limits';
import { RedisAnswerLimits } from './redis-answer-limits';

/** The limits in the configured store: this instance's memory, or Redis shared by every instance. */
export function createAnswerLimits(store: StoreConfig, policy: LimitsPolicy): AnswerLimits {
  return store.kind === 'redis'
    ? new RedisAnswerLimits({ url: store.url, ...policy })
    : new MemoryAnswerLimits(policy);
}
