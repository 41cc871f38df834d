import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import {
  AUTH_ERROR_CODES,
  type AuthTelemetry,
  type IdpDocument,
} from '@oracle-ai/api/feature-auth';
import type { OverloadReason } from '@oracle-ai/api/feature-platform';
import type { AssistantTelemetry } from '@oracle-ai/api/feature-assistant';
import { assistantMetrics } from './assistant-metrics';
import { RequestDurationHistogram } from './request-duration-histogram';

/** What the metrics read from the key store at scrape time (`SigningKeyStore` fits). */
export interface SigningKeysState {
  readonly keyCount: number;
  /** Epoch ms of the last successful fetch; undefined if none yet. */
  readonly loadedAt: number | undefined;
}

/** The codes an auth decision can produce: each gets its series. */
const AUTH_CODES: ReadonlySet<string> = new Set(AUTH_ERROR_CODES);
const METHODS: ReadonlySet<string> = new Set([
  'GET',
  'HEAD',
  'OPTIONS',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
]);
/** The route label of a request no route matched: one series, whatever the path was. */
export const UNMATCHED_ROUTE = 'unmatched';

/**
 * The API's Prometheus metrics, in a registry of their own. Every label takes values from a
 * fixed set — error codes of the contract, route patterns, a handful of methods — so no request,
 * however hostile its path or token, can create a series. On the request path counting is a
 * number bump, or one observation into plain arrays; everything else is read when scraped.
 */
export class ApiMetrics {
  readonly registry = new Registry();
  /** Hand to `createAuth` and `bearerAuth`. */
  readonly auth: AuthTelemetry;
  /** Hand to `loadShedding` as `onShed`. */
  readonly loadShed: (reason: OverloadReason) => void;
  /** Hand to the `assistant` plugin. */
  readonly assistant: AssistantTelemetry;

  private readonly requestDuration: RequestDurationHistogram;
  private readonly startedAt = Date.now();
  private signingKeys: SigningKeysState | undefined;

  constructor({ processMetrics = true }: { processMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (processMetrics) collectDefaultMetrics({ register: this.registry });

    // Granted requests are the hot path: a plain number, added to the counter when scraped.
    let grantedSinceScrape = 0;
    const decisions = new Counter({
      name: 'oracle_ai_auth_decisions_total',
      help: 'Bearer-auth decisions on /api requests, by outcome and API error code',
      labelNames: ['outcome', 'code'] as const,
      registers,
      collect() {
        this.inc({ outcome: 'allowed', code: 'none' }, grantedSinceScrape);
        grantedSinceScrape = 0;
      },
    });
    // Every series a dashboard may query exists from the start, at 0.
    decisions.inc({ outcome: 'allowed', code: 'none' }, 0);
    for (const code of [...AUTH_CODES, 'internal_error']) decisions.inc(decisionLabels(code), 0);

    const fetches = new Histogram({
      name: 'oracle_ai_idp_fetch_duration_seconds',
      help: 'Discovery and JWKS fetches from the IdP, by document and outcome (the count is the number of fetches)',
      labelNames: ['document', 'outcome'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    const staleKeyUses = new Counter({
      name: 'oracle_ai_stale_signing_key_uses_total',
      help: 'Signatures checked with the last good keys after a refresh from the IdP failed',
      registers,
    });
    const suppressedRefetches = new Counter({
      name: 'oracle_ai_unknown_kid_refetches_suppressed_total',
      help: 'Tokens with an unknown kid that caused no JWKS refetch (within the refetch cooldown)',
      registers,
    });
    const shed = new Counter({
      name: 'oracle_ai_load_shed_total',
      help: 'Requests refused with 503 overloaded, by the limit that was exceeded',
      labelNames: ['reason'] as const,
      registers,
    });
    for (const reason of ['event_loop_delay', 'event_loop_utilization'] as const)
      shed.inc({ reason }, 0);

    const state = () => this.signingKeys;
    const startedAt = this.startedAt;
    new Gauge({
      name: 'oracle_ai_signing_keys',
      help: 'Signing keys the API holds now (0: it cannot verify any token)',
      registers,
      collect() {
        this.set(state()?.keyCount ?? 0);
      },
    });
    new Gauge({
      name: 'oracle_ai_signing_keys_age_seconds',
      help: 'Seconds since signing keys were last fetched successfully (since start-up while none was)',
      registers,
      collect() {
        this.set((Date.now() - (state()?.loadedAt ?? startedAt)) / 1000);
      },
    });

    this.requestDuration = new RequestDurationHistogram(this.registry);

    this.auth = {
      granted: () => {
        grantedSinceScrape++;
      },
      refused: (code) => decisions.inc(decisionLabels(code)),
      fetched: (document: IdpDocument, outcome, seconds) =>
        fetches.observe({ document, outcome }, seconds),
      staleKeysUsed: () => staleKeyUses.inc(),
      unknownKidRefetchSuppressed: () => suppressedRefetches.inc(),
    };
    this.loadShed = (reason) => shed.inc({ reason });
    this.assistant = assistantMetrics(this.registry);
  }

  /** The key store whose state the gauges report. */
  observeSigningKeys(state: SigningKeysState): void {
    this.signingKeys = state;
  }

  /** One request served; `route` is the matched route pattern, undefined when none matched. */
  observeRequest(
    method: string,
    route: string | undefined,
    statusCode: number,
    seconds: number,
  ): void {
    this.requestDuration.observe(
      METHODS.has(method) ? method : 'other',
      route ?? UNMATCHED_ROUTE,
      statusCode,
      seconds,
    );
  }

  /** The Prometheus text exposition of every metric. */
  exposition(): Promise<string> {
    return this.registry.metrics();
  }
}

function decisionLabels(code: string): { outcome: string; code: string } {
  if (!AUTH_CODES.has(code)) return { outcome: 'error', code: 'internal_error' };
  return { outcome: code === 'idp_unavailable' ? 'unavailable' : 'refused', code };
}
