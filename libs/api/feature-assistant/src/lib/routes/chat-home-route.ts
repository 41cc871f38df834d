import type { FastifyPluginAsync } from 'fastify';
import type { ChatResource } from '@oracle-ai/shared/util-api-contract';
import { CHAT_HOME_SCHEMA, routeSchema } from '../schemas';
import { authenticated } from './authenticated';

export interface ChatHomeRouteOptions {
  chatGroups: readonly string[];
  assistantConfigured: boolean;
}

const SUGGESTIONS = [
  'How do I find the SQL statements that used the most CPU in the last hour?',
  'What does a high "db file sequential read" wait mean, and what should I check?',
  'Which performance views can I use without the Diagnostics Pack?',
];

/** `GET /chat`: the chat's home — greeting, suggested questions, whether an assistant answers. */
export const chatHomeRoute: FastifyPluginAsync<ChatHomeRouteOptions> = async (app, options) => {
  app.get(
    '/chat',
    {
      config: { auth: { groups: options.chatGroups } },
      schema: routeSchema(
        `The chat’s home (needs one of the chat groups: ${options.chatGroups.join(', ')})`,
        {
          description: 'Greeting, suggested questions, and whether an assistant answers',
          ...CHAT_HOME_SCHEMA,
        },
      ),
    },
    async (request): Promise<ChatResource> => {
      const user = authenticated(request);
      return {
        user: user.username,
        greeting: `Hello ${user.name ?? user.username}, ask me about your database's performance.`,
        suggestions: SUGGESTIONS,
        assistantConfigured: options.assistantConfigured,
      };
    },
  );
};
