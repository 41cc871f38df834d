import { OpenAiError } from '../http/openai-error';
import type {
  DevAssistantScript,
  DevAssistantScriptEnd,
} from '@oracle-ai/shared/util-dev-assistant-test-api';
import { isSuccess } from '../test-api/script';
import { splitIntoPieces } from './answer-pieces';
import { fixedPace, jitteredPace } from './pace';

/** An error status instead of an answer (scripted). */
export interface ErrorPlan {
  kind: 'error';
  error: OpenAiError;
  headersDelayMs: number;
}

/** An answer: its pieces and their timing, and how it ends. */
export interface AnswerPlan {
  kind: 'answer';
  pieces: readonly string[];
  repeat: number;
  headersDelayMs: number;
  firstChunkDelayMs: number;
  /** The pause before each piece after the first. */
  nextInterval: () => number;
  end: DevAssistantScriptEnd;
  /** Extra response headers (a scripted `retry-after`). */
  headers: Record<string, string>;
}

export type CompletionPlan = ErrorPlan | AnswerPlan;

/**
 * How to answer one request: as `script` says where it says something, otherwise as the server
 * does on its own (the notes' answer at the server's pace, the first piece after one pause, as a
 * model takes a moment for its first token). `answer` is only computed when needed.
 */
export function planCompletion(
  script: DevAssistantScript | undefined,
  answer: () => string,
  paceMs: number,
): CompletionPlan {
  const headers: Record<string, string> =
    script?.retryAfterS === undefined ? {} : { 'retry-after': String(script.retryAfterS) };
  const headersDelayMs = script?.headersDelayMs ?? 0;
  if (script?.status !== undefined && !isSuccess(script.status)) {
    const message =
      script.errorMessage ?? `The dev model server was scripted to answer ${script.status}.`;
    return {
      kind: 'error',
      error: new OpenAiError(script.status, message, { code: 'scripted_error', headers }),
      headersDelayMs,
    };
  }
  const pace = jitteredPace(paceMs);
  return {
    kind: 'answer',
    pieces: script?.chunks ?? splitIntoPieces(answer()),
    repeat: script?.repeat ?? 1,
    headersDelayMs,
    firstChunkDelayMs: script?.firstChunkDelayMs ?? pace(),
    nextInterval: script?.chunkIntervalMs === undefined ? pace : fixedPace(script.chunkIntervalMs),
    end: script?.end ?? 'done',
    headers,
  };
}
