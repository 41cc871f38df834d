import { terminalSafe } from '@oracle-ai/cli/util-messages';
import { apiForSession } from './api-for-session';
import type { CliContext } from './cli-context';
import { readCliSettings } from './cli-settings';
import { freshSession } from './fresh-session';
import { sessionStoreFor } from './session-store-for';
import { apiFlag } from './url-flag';
import { UsageError } from './usage-error';

export interface AskCommandOptions {
  api?: string;
  /** The whole non-streamed `chat.completion` as JSON instead of the streamed text. */
  json: boolean;
}

/** The API's limit on one message, in Unicode code points. */
const MAX_QUESTION_CODE_POINTS = 16_000;

/**
 * `oracle-ai ask "question"` (or `-` to read it from stdin): the assistant's answer on stdout as
 * it is written, then a newline. Ctrl-C ends the request (the API then cancels the model's).
 */
export async function ask(
  question: string,
  options: AskCommandOptions,
  context: CliContext,
): Promise<void> {
  const text = (question === '-' ? await context.readStdin() : question).trim();
  if (text === '') throw new UsageError('the question is empty');
  if ([...text].length > MAX_QUESTION_CODE_POINTS) {
    throw new UsageError(
      `the question is ${[...text].length} characters long; the assistant takes at most ${MAX_QUESTION_CODE_POINTS}`,
    );
  }
  const override = apiFlag(options.api) ?? readCliSettings(context.env).api;
  const session = await freshSession(sessionStoreFor(context), context);
  const api = await apiForSession(session, override);

  if (options.json) {
    const completion = await api.ask(text, { signal: context.signal });
    context.stdout(`${JSON.stringify(completion, null, 2)}\n`);
    return;
  }
  let written = false;
  try {
    await api.askStreaming(
      text,
      (piece) => {
        context.stdout(terminalSafe(piece));
        written = true;
      },
      { signal: context.signal },
    );
  } finally {
    // The answer so far ends its line, also when it stops midway: the shell prompt stays clean.
    if (written) context.stdout('\n');
  }
}
