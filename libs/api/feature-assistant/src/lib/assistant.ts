import type { FastifyPluginAsync } from 'fastify';
import { ModelServerClient } from '@oracle-ai/api/data-access-model-server';
import type { ChatConfig } from '@oracle-ai/api/util-config';
import { endAnswersAfterMs, InFlightAnswers } from './answer/in-flight-answers';
import type { AssistantTelemetry } from './assistant-telemetry';
import { createAnswerLimits } from './limits/create-answer-limits';
import { chatHomeRoute } from './routes/chat-home-route';
import { completionsRoute } from './routes/completions-route';
import { BUILT_IN_SYSTEM_PROMPT } from './system-prompt';

export interface AssistantOptions {
  /** Any-of: groups that open the chat and its assistant. */
  chatGroups: readonly string[];
  config: ChatConfig;
  /** `SHUTDOWN_GRACE_S`: answers still running near its end are ended cleanly. */
  shutdownGraceS: number;
  /** Told of every answer (metrics). */
  telemetry?: AssistantTelemetry;
}

/**
 * The chat: `GET /chat` (its home) and `POST /chat/completions` (the assistant, answered by the
 * configured OpenAI-compatible model server). Register inside the context that has `bearerAuth`,
 * with prefix `/api`: each route declares the chat groups in `config.auth`.
 */
export const assistant: FastifyPluginAsync<AssistantOptions> = async (app, options) => {
  const { config, chatGroups } = options;
  if (chatGroups.length === 0) throw new Error('assistant: chatGroups must not be empty');
  if (!Number.isInteger(options.shutdownGraceS) || options.shutdownGraceS < 1) {
    throw new Error('assistant: shutdownGraceS must be a whole number ≥ 1');
  }
  const client =
    config.modelUrl === undefined
      ? undefined
      : new ModelServerClient({
          baseUrl: config.modelUrl,
          model: config.model,
          apiKey: config.modelApiKey,
          timeoutMs: config.timeoutS * 1000,
        });
  const limits = createAnswerLimits(config.limitsStore, {
    ratePerMinute: config.ratePerMinute,
    maxConcurrent: config.maxConcurrent,
  });
  const inFlight = new InFlightAnswers();
  app.addHook('preClose', async () => {
    inFlight.drain(endAnswersAfterMs(options.shutdownGraceS));
  });
  app.addHook('onClose', async () => {
    inFlight.stop();
    client?.close();
    await limits.close();
  });

  await app.register(chatHomeRoute, { chatGroups, assistantConfigured: client !== undefined });
  await app.register(completionsRoute, {
    chatGroups,
    client,
    model: config.model,
    systemPrompt: config.systemPrompt ?? BUILT_IN_SYSTEM_PROMPT,
    timeoutS: config.timeoutS,
    limits,
    inFlight,
    telemetry: options.telemetry,
  });
};
