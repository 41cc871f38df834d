import type { FastifyPluginAsync } from 'fastify';
import { CHAT_MAX_BODY_BYTES } from '@oracle-ai/shared/util-api-contract';
import type { AssistantRelay } from '../relay/assistant-relay';
import { parseChatRequest, type ChatRequest } from '../request/chat-request';
import { COMPLETIONS_ANSWER, COMPLETIONS_BODY_SCHEMA, routeSchema } from '../schemas';

export interface CompletionsRouteOptions {
  chatGroups: readonly string[];
  relay: AssistantRelay;
}

/**
 * `POST /chat/completions`: the assistant, OpenAI-compatible. The body is refused first (400,
 * 413, 415); then the relay answers: its refusals (429, 503), the model server's (503/504), then
 * the answer as it comes, or gathered into one JSON object.
 */
export const completionsRoute: FastifyPluginAsync<CompletionsRouteOptions> = async (
  app,
  { chatGroups, relay },
) => {
  // Only JSON bodies: Fastify's text/plain parser would hand a string to the route (→ 415).
  app.removeContentTypeParser('text/plain');

  app.post(
    '/chat/completions',
    {
      bodyLimit: CHAT_MAX_BODY_BYTES,
      config: { auth: { groups: chatGroups } },
      schema: routeSchema(
        `Ask the assistant (OpenAI-compatible chat completions; needs one of the chat groups: ${chatGroups.join(', ')})`,
        COMPLETIONS_ANSWER,
        [
          { code: 'invalid_request', status: 415 },
          'payload_too_large',
          'rate_limited',
          'assistant_unavailable',
          'assistant_timeout',
        ],
        { body: COMPLETIONS_BODY_SCHEMA },
      ),
      // The body is checked by parseChatRequest (no coercion, a message naming the problem) and
      // replaced by what it keeps; the schema above documents it.
      validatorCompiler: () => (body: unknown) => {
        try {
          return { value: parseChatRequest(body) };
        } catch (error) {
          return { error: error as Error };
        }
      },
    },
    async (request, reply) => {
      const chat = request.body as ChatRequest;
      return relay.answer(request, reply, {
        messages: chat.messages,
        stream: chat.stream,
        charactersIn: chat.codePoints,
      });
    },
  );
};
