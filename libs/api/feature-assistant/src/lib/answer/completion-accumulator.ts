import type { CompletionChunk } from '@oracle-ai/api/data-access-model-server';
import type { ChatCompletion } from '@oracle-ai/shared/util-api-contract';

/**
 * The longest answer gathered for one JSON response, in UTF-16 units: a non-streamed answer is
 * held whole until it is sent, so it is bounded; past it the answer stops with
 * `finish_reason: "length"`, as a model's own token limit does.
 */
export const MAX_JSON_ANSWER_LENGTH = 1_000_000;

interface ChoiceText {
  pieces: string[];
  length: number;
  finishReason: string | null;
}

/** Gathers a streamed answer into the one `chat.completion` object of a non-streamed request. */
export class CompletionAccumulator {
  private id = '';
  private created = 0;
  private readonly choices = new Map<number, ChoiceText>();
  private usage: CompletionChunk['usage'];
  private total = 0;

  constructor(private readonly maxLength = MAX_JSON_ANSWER_LENGTH) {}

  /** Adds a chunk; false once the answer has reached its bound (stop reading then). */
  add(chunk: CompletionChunk): boolean {
    if (this.id === '') {
      this.id = chunk.id;
      this.created = chunk.created;
    }
    if (chunk.usage !== undefined) this.usage = chunk.usage;
    for (const { index, delta, finish_reason } of chunk.choices) {
      let choice = this.choices.get(index);
      if (choice === undefined) {
        choice = { pieces: [], length: 0, finishReason: null };
        this.choices.set(index, choice);
      }
      if (finish_reason !== null) choice.finishReason = finish_reason;
      const content = delta.content;
      if (content === undefined || content === '') continue;
      const room = this.maxLength - this.total;
      const kept = content.length > room ? content.slice(0, room) : content;
      choice.pieces.push(kept);
      choice.length += kept.length;
      this.total += kept.length;
      if (kept.length < content.length) {
        choice.finishReason = 'length';
        return false;
      }
    }
    return true;
  }

  completion(model: string, fallbackId: string): ChatCompletion {
    const choices = [...this.choices.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, choice]) => ({
        index,
        message: { role: 'assistant' as const, content: choice.pieces.join('') },
        finish_reason: choice.finishReason,
      }));
    return {
      id: this.id === '' ? fallbackId : this.id,
      object: 'chat.completion',
      created: this.created === 0 ? Math.floor(Date.now() / 1000) : this.created,
      model,
      choices:
        choices.length > 0
          ? choices
          : [{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'stop' }],
      ...(this.usage !== undefined && { usage: this.usage }),
    };
  }
}
