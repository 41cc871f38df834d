export type PrometheusErrorCode =
  /** No connection: refused, reset, DNS, or closed before a whole answer. */
  | 'ERR_PROMETHEUS_UNREACHABLE'
  /** The TLS handshake failed: an untrusted certificate, a wrong name, a refused client certificate. */
  | 'ERR_PROMETHEUS_TLS'
  /** No whole answer within the timeout, or the source's own query timeout. */
  | 'ERR_PROMETHEUS_TIMEOUT'
  /** A 3xx: never followed (credentials would go wherever it points). */
  | 'ERR_PROMETHEUS_REDIRECT'
  /** Any other non-2xx status. */
  | 'ERR_PROMETHEUS_STATUS'
  /** An answer larger than the client accepts. */
  | 'ERR_PROMETHEUS_TOO_LARGE'
  /** Not the JSON of the Prometheus HTTP API, or not the result type asked for. */
  | 'ERR_PROMETHEUS_MALFORMED';

/**
 * A query the source did not answer. `detail` is for the operator's log only (it may carry the
 * source's own error text); a client is told neither.
 */
export class PrometheusError extends Error {
  override readonly name = 'PrometheusError';

  constructor(
    readonly code: PrometheusErrorCode,
    message: string,
    readonly detail?: { status?: number; errorType?: string; error?: string; cause?: string },
  ) {
    super(message);
  }
}
