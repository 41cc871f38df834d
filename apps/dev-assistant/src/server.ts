import { createServer } from 'node:http';
import { closeServer, listenOnLoopback } from '@oracle-ai/shared/util-loopback-server';
import type { DevAssistantConfig } from './config';
import { OpenAiError, sendOpenAiError } from './http/openai-error';
import { NoteAnswerer } from './notes/note-answerer';
import { createRouter } from './router';
import { RequestLog } from './test-api/request-log';
import { ScriptQueue } from './test-api/script-queue';

export interface DevAssistantServer {
  port: number;
  close(): Promise<void>;
}

/** Builds the dev model server and listens on 127.0.0.1 (never on other interfaces). */
export async function startDevAssistantServer(
  config: DevAssistantConfig,
): Promise<DevAssistantServer> {
  const test = config.enableTestEndpoints
    ? { scripts: new ScriptQueue(), log: new RequestLog() }
    : undefined;
  const route = createRouter(
    { config, answerer: new NoteAnswerer(), scripts: test?.scripts, log: test?.log },
    test,
  );

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent || res.destroyed) {
        if (!(error instanceof OpenAiError)) console.error('dev-assistant: request failed', error);
        res.destroy();
      } else if (error instanceof OpenAiError) {
        sendOpenAiError(res, error);
      } else {
        console.error('dev-assistant: request failed', error);
        sendOpenAiError(res, new OpenAiError(500, 'The dev model server failed.'));
      }
    });
  });
  // Closing ends streams left hanging (a scripted `hang`) and idle keep-alive connections too.
  return { port: await listenOnLoopback(server, config.port), close: () => closeServer(server) };
}
