import createError from '@fastify/error';
import underPressure from '@fastify/under-pressure';
import fp from 'fastify-plugin';
import type { HttpErrorExtras } from './error-handler';

/** Which limit an instance was over when it refused a request. */
export type OverloadReason = 'event_loop_delay' | 'event_loop_utilization';

export interface LoadSheddingOptions {
  /** Mean event-loop delay over a sample, in ms, past which requests are refused; 0 = no limit. */
  maxEventLoopDelayMs: number;
  /** Event-loop utilization (0–1) over a sample past which requests are refused; 0 = no limit. */
  maxEventLoopUtilization: number;
  /** `Retry-After` of the refusal, in seconds. */
  retryAfterS: number;
  /** How often the event loop is sampled. */
  sampleIntervalMs?: number;
  /** Told of every refused request (e.g. to count it); must be cheap, it runs under overload. */
  onShed?: (reason: OverloadReason) => void;
}

const Overloaded = createError(
  'overloaded',
  'The API is overloaded; retry later',
  503,
  Error,
  // A refusal under overload must cost as little as possible: no stack trace.
  false,
);

const REASONS: Readonly<Record<string, OverloadReason>> = {
  eventLoopDelay: 'event_loop_delay',
  eventLoopUtilization: 'event_loop_utilization',
};

/**
 * Load shedding for the routes of the context it is registered in: while the event loop lags past
 * a limit, requests are answered 503 `overloaded` with a `Retry-After` at once, before any other
 * work, instead of queueing without bound behind the ones already running. The loop is sampled by
 * `@fastify/under-pressure` off the request path; each request only reads the last sample.
 * Routes registered outside this context (liveness) are never refused.
 */
export const loadShedding = fp<LoadSheddingOptions>(
  async (app, options) => {
    const { maxEventLoopDelayMs, maxEventLoopUtilization, retryAfterS } = options;
    const sampleIntervalMs = options.sampleIntervalMs ?? 500;
    if (!Number.isInteger(maxEventLoopDelayMs) || maxEventLoopDelayMs < 0) {
      throw new Error('loadShedding: maxEventLoopDelayMs must be a whole number ≥ 0');
    }
    if (!(maxEventLoopUtilization >= 0 && maxEventLoopUtilization <= 1)) {
      throw new Error('loadShedding: maxEventLoopUtilization must be from 0 to 1');
    }
    if (!Number.isInteger(retryAfterS) || retryAfterS < 1) {
      throw new Error('loadShedding: retryAfterS must be a whole number ≥ 1');
    }
    if (!Number.isInteger(sampleIntervalMs) || sampleIntervalMs < 10) {
      throw new Error('loadShedding: sampleIntervalMs must be a whole number ≥ 10');
    }
    if (maxEventLoopDelayMs === 0 && maxEventLoopUtilization === 0) return;

    await app.register(underPressure, {
      maxEventLoopDelay: maxEventLoopDelayMs,
      maxEventLoopUtilization,
      // Utilization of the last sample, not the average since start-up.
      eventLoopUtilizationMode: 'interval',
      sampleInterval: sampleIntervalMs,
      // A rejection goes to the app's error handler, which sends the contract's body and headers.
      pressureHandler: (_request, _reply, type) => {
        options.onShed?.(REASONS[type] ?? 'event_loop_delay');
        const refusal: Error & HttpErrorExtras = Object.assign(new Overloaded(), { retryAfterS });
        return Promise.reject(refusal);
      },
    });
  },
  { fastify: '5.x', name: 'oracle-ai-load-shedding' },
);
