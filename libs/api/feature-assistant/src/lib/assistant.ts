import type { FastifyPluginAsync } from 'fastify';
import type { AssistantRelay } from './relay/assistant-relay';
import { chatHomeRoute } from './routes/chat-home-route';
import { completionsRoute } from './routes/completions-route';

export interface AssistantOptions {
  /** Any-of: groups that open the chat and its assistant. */
  chatGroups: readonly string[];
  /** The assistant; this plugin drains it when the app stops and closes it. */
  relay: AssistantRelay;
}

/**
 * The chat: `GET /chat` (its home) and `POST /chat/completions` (the assistant, answered by the
 * configured OpenAI-compatible model server through `relay`). Register inside the context that
 * has `bearerAuth`, with prefix `/api`: each route declares the chat groups in `config.auth`.
 */
export const assistant: FastifyPluginAsync<AssistantOptions> = async (app, options) => {
  const { relay, chatGroups } = options;
  if (chatGroups.length === 0) throw new Error('assistant: chatGroups must not be empty');
  app.addHook('preClose', async () => relay.drain());
  app.addHook('onClose', async () => relay.close());

  await app.register(chatHomeRoute, { chatGroups, assistantConfigured: relay.configured });
  await app.register(completionsRoute, { chatGroups, relay });
};
