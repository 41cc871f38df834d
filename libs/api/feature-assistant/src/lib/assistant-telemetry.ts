/**
 * How a request to the assistant ended (a bounded set: metric labels and log values):
 * - `completed`: the whole answer was handed to the client;
 * - `client_closed`: the client went away first (the model server's request was cancelled);
 * - `rate_limited`: refused 429 by the user's limits;
 * - `limits_unavailable`: refused 503, the shared limits store does not answer;
 * - `not_configured`: refused 503, no model server is configured;
 * - `unavailable`, `timeout`: refused 503 / 504 before any answer byte;
 * - `interrupted`: failed after the answer began (an error event ended the stream);
 * - `shutdown`: ended by this instance stopping.
 */
export const ANSWER_OUTCOMES = [
  'completed',
  'client_closed',
  'rate_limited',
  'limits_unavailable',
  'not_configured',
  'unavailable',
  'timeout',
  'interrupted',
  'shutdown',
] as const;

export type AnswerOutcome = (typeof ANSWER_OUTCOMES)[number];

/** One request to the assistant that got past validation, as it ended. */
export interface AnswerReport {
  outcome: AnswerOutcome;
  /** `text/event-stream` (true) or one JSON object. */
  stream: boolean;
  /** Admitted by the limits: it had been reported `started`. */
  admitted: boolean;
  /** From the request's arrival to its end. */
  durationS: number;
  /** From the request's arrival to the first content of the answer, if any came. */
  firstTokenS?: number;
}

/** What the assistant tells its observer (metrics); each call must be cheap. */
export interface AssistantTelemetry {
  /** An answer was admitted and began (one more in progress until its report). */
  started(): void;
  ended(report: AnswerReport): void;
}
