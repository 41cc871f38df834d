import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CompletionChunk } from '@oracle-ai/api/data-access-model-server';
import type { AssistantTelemetry, AnswerOutcome } from '../assistant-telemetry';
import { codePointLength } from '../request/chat-request';

export interface AnswerContext {
  request: FastifyRequest;
  reply: FastifyReply;
  sub: string;
  model: string;
  stream: boolean;
  /** Code points of the question's contents. */
  charactersIn: number;
  telemetry?: AssistantTelemetry;
}

/**
 * One request to the assistant from validation to its end: it times the answer, counts what went
 * out, and ends exactly once — releasing the user's slot, telling the telemetry, and writing the
 * answer's one log line (never content, a token or the model key).
 */
export class Answer {
  private releaseSlot: (() => void) | undefined;
  private firstTokenS: number | undefined;
  private charactersOut = 0;
  private outcome: AnswerOutcome | undefined;

  constructor(private readonly context: AnswerContext) {}

  /** Admitted by the limits: `release` gives the slot back when the answer ends. */
  admitted(release: () => void): void {
    this.releaseSlot = release;
    this.context.telemetry?.started();
  }

  /** A chunk went to the client. */
  delivered(chunk: CompletionChunk): void {
    for (const choice of chunk.choices) {
      const content = choice.delta.content;
      if (content === undefined || content === '') continue;
      this.charactersOut += codePointLength(content);
      this.firstTokenS ??= this.elapsedS();
    }
  }

  get ended(): boolean {
    return this.outcome !== undefined;
  }

  /** Ends the answer; later calls are ignored (the first outcome is the true one). */
  end(outcome: AnswerOutcome): void {
    if (this.outcome !== undefined) return;
    this.outcome = outcome;
    const admitted = this.releaseSlot !== undefined;
    this.releaseSlot?.();
    const durationS = this.elapsedS();
    const { request, sub, model, stream, charactersIn, telemetry } = this.context;
    telemetry?.ended({ outcome, stream, admitted, durationS, firstTokenS: this.firstTokenS });
    request.log.info(
      {
        sub,
        model,
        stream,
        outcome,
        charactersIn,
        charactersOut: this.charactersOut,
        firstTokenMs:
          this.firstTokenS === undefined ? undefined : Math.round(this.firstTokenS * 1000),
        durationMs: Math.round(durationS * 1000),
      },
      'assistant answer',
    );
  }

  private elapsedS(): number {
    return this.context.reply.elapsedTime / 1000;
  }
}
