import type { FastifyRequest } from 'fastify';
import type { AnalyticsEvidence } from '@oracle-ai/shared/util-api-contract';
import type { AnalyticsContext } from '../analytics-context';
import { invalidRequest } from '../analytics-errors';
import { TimeRangeError } from '../time-range';
import { readEvidence } from './evidence-figures';
import { evidencePack } from './evidence-pack';
import { parseExplanationWindow } from './explanation-window';

/**
 * The evidence pack of database `db` over the window `input` asks for (`{ from, to }`), in the
 * order every analytics route checks: the window (400), a source (503), the database among those
 * the caller may see (404), then the figures. The same queries, through the same short cache, for
 * the page that shows the pack and the explanation that sends it to the assistant.
 */
export async function buildEvidence(
  context: AnalyticsContext,
  request: FastifyRequest,
  db: string,
  input: unknown,
): Promise<AnalyticsEvidence> {
  let window;
  try {
    window = parseExplanationWindow(input, context.now());
  } catch (error) {
    if (error instanceof TimeRangeError) throw invalidRequest(error.message);
    throw error;
  }
  const { source } = context.figures();
  const database = await context.visibleDatabase(request, db);
  const figures = await context.fromSource(request, () => readEvidence(source, database, window));
  const pack = evidencePack(figures, context.simulated);
  return {
    database,
    from: window.range.from,
    to: window.range.to,
    step: window.range.step,
    comparisonFrom: window.comparison.from,
    comparisonTo: window.comparison.to,
    simulated: context.simulated,
    text: pack.text,
    question: pack.question,
  };
}
