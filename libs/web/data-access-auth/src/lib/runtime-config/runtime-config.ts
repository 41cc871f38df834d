import { InjectionToken } from '@angular/core';
import type { RuntimeConfig } from '@oracle-ai/web/util-runtime-config';

export type { RuntimeConfig };

/** The validated `/config.json`, read before bootstrap (see `loadRuntimeConfig`). */
export const RUNTIME_CONFIG = new InjectionToken<RuntimeConfig>('RUNTIME_CONFIG');
