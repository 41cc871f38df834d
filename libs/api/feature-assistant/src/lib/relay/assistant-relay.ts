import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ModelServerClient,
  type CompletionStream,
  type ModelServerMessage,
} from '@oracle-ai/api/data-access-model-server';
import type { ChatConfig } from '@oracle-ai/api/util-config';
import type { ChatCompletion } from '@oracle-ai/shared/util-api-contract';
import { Answer } from '../answer/answer';
import { CompletionAccumulator } from '../answer/completion-accumulator';
import { EventStream } from '../answer/event-stream';
import {
  CLIENT_CLOSED,
  failureOutcome,
  refusalFor,
  SHUTDOWN_RETRY_AFTER_S,
} from '../answer/failures';
import { endAnswersAfterMs, InFlightAnswers } from '../answer/in-flight-answers';
import type { AssistantTelemetry } from '../assistant-telemetry';
import { AssistantErrors, withRetryAfter } from '../errors';
import { limitsKey, type AnswerLimits } from '../limits/answer-limits';
import { createAnswerLimits } from '../limits/create-answer-limits';
import { authenticated } from '../routes/authenticated';
import { BUILT_IN_SYSTEM_PROMPT } from '../system-prompt';

export interface AssistantRelayOptions {
  config: ChatConfig;
  /** `SHUTDOWN_GRACE_S`: answers still running near its end are ended cleanly. */
  shutdownGraceS: number;
  /** Told of every answer (metrics). */
  telemetry?: AssistantTelemetry;
}

/** What one answer asks of the model server, as the route that took the request made it. */
export interface RelayedQuestion {
  /** The conversation, `user` and `assistant` messages only, the question last. */
  messages: readonly ModelServerMessage[];
  /** Added to the assistant's instructions for this answer only (e.g. the figures to rest on). */
  instructions?: string;
  stream: boolean;
  /** Code points of what was asked, for the answer's log line. */
  charactersIn: number;
}

/** `Retry-After` when no model server is configured: nothing changes until the API is reconfigured. */
const NOT_CONFIGURED_RETRY_AFTER_S = 60;
/** `Retry-After` when the shared limits store does not answer. */
const LIMITS_RETRY_AFTER_S = 2;

/**
 * The assistant, for every route that answers with it: one model-server client, one set of
 * per-user limits (so that an answer counts the same wherever it was asked for) and one record
 * of the answers in progress (so that a stop ends them all). The user's token is never passed on:
 * the model server gets the instructions and the messages, with the API's own key.
 */
export class AssistantRelay {
  readonly model: string;
  private readonly client: ModelServerClient | undefined;
  private readonly limits: AnswerLimits;
  private readonly inFlight = new InFlightAnswers();
  private readonly systemPrompt: string;
  private readonly timeoutS: number;

  constructor(private readonly options: AssistantRelayOptions) {
    const { config, shutdownGraceS } = options;
    if (!Number.isInteger(shutdownGraceS) || shutdownGraceS < 1) {
      throw new Error('assistant: shutdownGraceS must be a whole number ≥ 1');
    }
    this.model = config.model;
    this.systemPrompt = config.systemPrompt ?? BUILT_IN_SYSTEM_PROMPT;
    this.timeoutS = config.timeoutS;
    this.client =
      config.modelUrl === undefined
        ? undefined
        : new ModelServerClient({
            baseUrl: config.modelUrl,
            model: config.model,
            apiKey: config.modelApiKey,
            timeoutMs: config.timeoutS * 1000,
          });
    this.limits = createAnswerLimits(config.limitsStore, {
      ratePerMinute: config.ratePerMinute,
      maxConcurrent: config.maxConcurrent,
    });
  }

  get configured(): boolean {
    return this.client !== undefined;
  }

  /**
   * Answers `question` for the caller of `request`. Every refusal comes before the model server
   * is called: no model server or this instance stopping (503), the user's limits (429), no
   * limits store (503); then 503/504 when the model server fails before its first event. After
   * that the answer streams as it comes, or is gathered into one `chat.completion`.
   */
  async answer(
    request: FastifyRequest,
    reply: FastifyReply,
    question: RelayedQuestion,
  ): Promise<FastifyReply | ChatCompletion> {
    const user = authenticated(request);
    const { model, timeoutS } = this;
    const answer = new Answer({
      request,
      reply,
      sub: user.sub,
      model,
      stream: question.stream,
      charactersIn: question.charactersIn,
      telemetry: this.options.telemetry,
    });
    if (this.client === undefined) {
      answer.end('not_configured');
      throw withRetryAfter(
        new AssistantErrors.Unavailable('No assistant is configured on this API'),
        NOT_CONFIGURED_RETRY_AFTER_S,
      );
    }
    if (this.inFlight.closing) {
      answer.end('shutdown');
      throw withRetryAfter(
        new AssistantErrors.Unavailable('This API instance is stopping; ask again'),
        SHUTDOWN_RETRY_AFTER_S,
      );
    }
    await admit(this.limits, answer, user.issuer, user.sub);

    const controller = new AbortController();
    const untrack = this.inFlight.track(controller);
    const onClose = () => {
      untrack();
      if (reply.raw.writableFinished) return;
      // The client went away: the model server's request is cancelled at once.
      controller.abort(CLIENT_CLOSED);
      answer.end('client_closed');
    };
    reply.raw.once('close', onClose);
    if (request.raw.socket.destroyed) onClose();

    const system: ModelServerMessage = {
      role: 'system',
      content:
        question.instructions === undefined
          ? this.systemPrompt
          : `${this.systemPrompt}\n\n${question.instructions}`,
    };
    let stream: CompletionStream;
    try {
      stream = await this.client.open({
        messages: [system, ...question.messages],
        signal: controller.signal,
        requestId: request.id,
      });
    } catch (error) {
      answer.end(failureOutcome(error, false));
      throw refusalFor(error, { timeoutS, started: false });
    }
    const fallbackId = `chatcmpl-${request.id}`;
    if (question.stream) {
      return reply
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(new EventStream(stream, answer, model, fallbackId));
    }
    return sendCompletion(stream, answer, { model, fallbackId, timeoutS });
  }

  /** The instance is stopping: no new answer starts, those running end before the grace. */
  drain(): void {
    this.inFlight.drain(endAnswersAfterMs(this.options.shutdownGraceS));
  }

  async close(): Promise<void> {
    this.inFlight.stop();
    this.client?.close();
    await this.limits.close();
  }
}

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
