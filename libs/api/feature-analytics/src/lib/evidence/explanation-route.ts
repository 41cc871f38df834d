import type { FastifyPluginAsync } from 'fastify';
import { codePointLength, type AssistantRelay } from '@oracle-ai/api/feature-assistant';
import type { AnalyticsContext } from '../analytics-context';
import { buildEvidence } from './build-evidence';
import { explanationInstructions } from './explanation-instructions';
import { EXPLANATION_ROUTE_SCHEMA } from './evidence-schemas';

export interface ExplanationRouteOptions {
  context: AnalyticsContext;
  relay: AssistantRelay;
  /** Any-of: the chat's groups, since the assistant answers. */
  chatGroups: readonly string[];
}

/** `{ "from", "to" }` is a few dozen bytes. */
const MAX_BODY_BYTES = 1024;

/**
 * `POST /analytics/databases/:db/explanations`: the assistant explains a window of a database's
 * figures. The API builds the evidence (as `GET …/evidence` does, for a database the caller may
 * see) and asks the assistant through the chat's relay — the same limits, log line and metrics,
 * the same streamed answer. The client sends only the window.
 */
export const explanationRoute: FastifyPluginAsync<ExplanationRouteOptions> = async (
  app,
  { context, relay, chatGroups },
) => {
  if (chatGroups.length === 0) throw new Error('explanations: chatGroups must not be empty');
  // Only JSON bodies: Fastify's text/plain parser would hand a string to the route (→ 415).
  app.removeContentTypeParser('text/plain');

  app.post<{ Params: { db: string } }>(
    '/analytics/databases/:db/explanations',
    {
      bodyLimit: MAX_BODY_BYTES,
      config: { auth: { groups: chatGroups } },
      schema: EXPLANATION_ROUTE_SCHEMA(chatGroups),
      // Checked by parseExplanationWindow, whose refusals name the field; documented above.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const evidence = await buildEvidence(context, request, request.params.db, request.body);
      return relay.answer(request, reply, {
        instructions: explanationInstructions(evidence),
        messages: [{ role: 'user', content: evidence.question }],
        stream: true,
        charactersIn: codePointLength(evidence.question) + codePointLength(evidence.text),
      });
    },
  );
};
