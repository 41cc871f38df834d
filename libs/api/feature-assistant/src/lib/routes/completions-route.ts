import type { FastifyPluginAsync } from 'fastify';
import type {
  CompletionStream,
  ModelServerClient,
  ModelServerMessage,
} from '@oracle-ai/api/data-access-model-server';
import { CHAT_MAX_BODY_BYTES, type ChatCompletion } from '@oracle-ai/shared/util-api-contract';
import { Answer } from '../answer/answer';
import { CompletionAccumulator } from '../answer/completion-accumulator';
import { EventStream } from '../answer/event-stream';
import {
  CLIENT_CLOSED,
  failureOutcome,
  refusalFor,
  SHUTDOWN_RETRY_AFTER_S,
} from '../answer/failures';
import type { InFlightAnswers } from '../answer/in-flight-answers';
import type { AssistantTelemetry } from '../assistant-telemetry';
import { AssistantErrors, withRetryAfter } from '../errors';
import { limitsKey, type AnswerLimits } from '../limits/answer-limits';
import { parseChatRequest, type ChatRequest } from '../request/chat-request';
import { COMPLETIONS_ANSWER, COMPLETIONS_BODY_SCHEMA, routeSchema } from '../schemas';
import { authenticated } from './authenticated';

export interface CompletionsRouteOptions {
  chatGroups: readonly string[];
  /** Undefined: no model server is configured. */
  client: ModelServerClient | undefined;
  /** `CHAT_MODEL`: the name every answer carries. */
  model: string;
  systemPrompt: string;
  timeoutS: number;
  limits: AnswerLimits;
  inFlight: InFlightAnswers;
  telemetry?: AssistantTelemetry;
}

/** `Retry-After` when no model server is configured: nothing changes until the API is reconfigured. */
const NOT_CONFIGURED_RETRY_AFTER_S = 60;
/** `Retry-After` when the shared limits store does not answer. */
const LIMITS_RETRY_AFTER_S = 2;

/**
 * `POST /chat/completions`: the assistant, OpenAI-compatible. Every refusal comes before the
 * model server is called: the body (400, 413, 415), the user's limits (429), no model server or
 * no limits store (503); then 503/504 when the model server fails before its first event. After
 * that the answer streams as it comes, or is gathered into one JSON object.
 */
export const completionsRoute: FastifyPluginAsync<CompletionsRouteOptions> = async (
  app,
  options,
) => {
  const { client, model, limits, inFlight, telemetry } = options;
  const system: ModelServerMessage = { role: 'system', content: options.systemPrompt };
  // Only JSON bodies: Fastify's text/plain parser would hand a string to the route (→ 415).
  app.removeContentTypeParser('text/plain');

  app.post(
    '/chat/completions',
    {
      bodyLimit: CHAT_MAX_BODY_BYTES,
      config: { auth: { groups: options.chatGroups } },
      schema: routeSchema(
        `Ask the assistant (OpenAI-compatible chat completions; needs one of the chat groups: ${options.chatGroups.join(', ')})`,
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
      const user = authenticated(request);
      const chat = request.body as ChatRequest;
      const answer = new Answer({
        request,
        reply,
        sub: user.sub,
        model,
        stream: chat.stream,
        charactersIn: chat.codePoints,
        telemetry,
      });
      if (client === undefined) {
        answer.end('not_configured');
        throw withRetryAfter(
          new AssistantErrors.Unavailable('No assistant is configured on this API'),
          NOT_CONFIGURED_RETRY_AFTER_S,
        );
      }
      if (inFlight.closing) {
        answer.end('shutdown');
        throw withRetryAfter(
          new AssistantErrors.Unavailable('This API instance is stopping; ask again'),
          SHUTDOWN_RETRY_AFTER_S,
        );
      }
      await admit(limits, answer, user.issuer, user.sub);

      const controller = new AbortController();
      const untrack = inFlight.track(controller);
      const onClose = () => {
        untrack();
        if (reply.raw.writableFinished) return;
        // The client went away: the model server's request is cancelled at once.
        controller.abort(CLIENT_CLOSED);
        answer.end('client_closed');
      };
      reply.raw.once('close', onClose);
      if (request.raw.socket.destroyed) onClose();

      let stream: CompletionStream;
      try {
        stream = await client.open({
          messages: [system, ...chat.messages],
          signal: controller.signal,
          requestId: request.id,
        });
      } catch (error) {
        answer.end(failureOutcome(error, false));
        throw refusalFor(error, { timeoutS: options.timeoutS, started: false });
      }
      const fallbackId = `chatcmpl-${request.id}`;
      if (chat.stream) {
        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-store')
          .header('x-accel-buffering', 'no')
          .send(new EventStream(stream, answer, model, fallbackId));
      }
      return sendCompletion(stream, answer, { model, fallbackId, timeoutS: options.timeoutS });
    },
  );
};

async function admit(
  limits: AnswerLimits,
  answer: Answer,
  issuer: string,
  subject: string,
): Promise<void> {
  let admission;
  try {
    admission = await limits.admit(limitsKey(issuer, subject));
  } catch {
    answer.end('limits_unavailable');
    throw withRetryAfter(
      new AssistantErrors.Unavailable(
        'Your answer limits cannot be checked right now; retry later',
      ),
      LIMITS_RETRY_AFTER_S,
    );
  }
  if (!admission.admitted) {
    answer.end('rate_limited');
    throw withRetryAfter(
      new AssistantErrors.RateLimited(
        admission.limit === 'concurrency'
          ? 'You have as many answers in progress as allowed; wait for one to finish'
          : 'You have asked for as many answers as allowed this minute; wait a moment',
      ),
      admission.retryAfterS,
    );
  }
  answer.admitted(admission.release);
}

/** The whole answer as one `chat.completion`, gathered up to its bound. */
async function sendCompletion(
  stream: CompletionStream,
  answer: Answer,
  { model, fallbackId, timeoutS }: { model: string; fallbackId: string; timeoutS: number },
): Promise<ChatCompletion> {
  const completion = new CompletionAccumulator();
  try {
    gather: for await (const batch of stream) {
      for (const chunk of batch) {
        answer.delivered(chunk);
        if (!completion.add(chunk)) break gather;
      }
    }
  } catch (error) {
    // Nothing has been sent yet: a failure mid-answer is still a status.
    answer.end(failureOutcome(error, false));
    throw refusalFor(error, { timeoutS, started: true });
  }
  answer.end('completed');
  return completion.completion(model, fallbackId);
}
