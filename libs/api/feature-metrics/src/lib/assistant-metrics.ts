import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ANSWER_OUTCOMES, type AssistantTelemetry } from '@oracle-ai/api/feature-assistant';

/**
 * The assistant's metrics: answers by outcome and mode, time to the first token, how long answers
 * take, and how many are in progress. Labels come from fixed sets (the outcomes, two modes).
 */
export function assistantMetrics(registry: Registry): AssistantTelemetry {
  const registers = [registry];
  const answers = new Counter({
    name: 'oracle_ai_assistant_answers_total',
    help: 'Requests to the assistant past validation, by how they ended and whether streamed',
    labelNames: ['outcome', 'mode'] as const,
    registers,
  });
  for (const outcome of ANSWER_OUTCOMES) {
    for (const mode of ['stream', 'json']) answers.inc({ outcome, mode }, 0);
  }
  const firstToken = new Histogram({
    name: 'oracle_ai_assistant_time_to_first_token_seconds',
    help: "From a request's arrival to the first content of its answer",
    buckets: [0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60],
    registers,
  });
  const duration = new Histogram({
    name: 'oracle_ai_assistant_answer_duration_seconds',
    help: 'From the arrival of an admitted answer’s request to its end (streams: the last byte)',
    labelNames: ['mode'] as const,
    buckets: [0.5, 1, 2, 5, 10, 20, 40, 60, 120, 300],
    registers,
  });
  const inProgress = new Gauge({
    name: 'oracle_ai_assistant_answers_in_progress',
    help: 'Admitted answers not ended yet',
    registers,
  });
  inProgress.set(0);
  return {
    started: () => inProgress.inc(),
    ended: ({ outcome, stream, admitted, durationS, firstTokenS }) => {
      const mode = stream ? 'stream' : 'json';
      answers.inc({ outcome, mode });
      if (!admitted) return;
      inProgress.dec();
      duration.observe({ mode }, durationS);
      if (firstTokenS !== undefined) firstToken.observe(firstTokenS);
    },
  };
}
