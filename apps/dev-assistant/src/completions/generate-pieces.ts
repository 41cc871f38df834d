import type { AnswerPlan } from './completion-plan';
import type { ResponseChannel } from './response-channel';
import { codePoints } from './usage';

export type GenerationOutcome = 'stop' | 'length' | 'gone';

/**
 * Produces the plan's pieces (repeated as planned) at its pace, handing each to `emit`, until
 * they are all out ('stop'), `maxChars` is reached ('length': the last piece is cut to fit), or
 * the client is gone ('gone': nothing more is produced). The first piece comes without a pause:
 * the caller has already waited `firstChunkDelayMs`.
 */
export async function generatePieces(
  plan: AnswerPlan,
  channel: ResponseChannel,
  maxChars: number,
  emit: (piece: string) => Promise<boolean>,
): Promise<GenerationOutcome> {
  let sentChars = 0;
  let first = true;
  for (let round = 0; round < plan.repeat; round++) {
    for (const piece of plan.pieces) {
      const room = maxChars - sentChars;
      if (room === 0) return 'length';
      if (!first && !(await channel.pause(plan.nextInterval()))) return 'gone';
      first = false;
      const length = codePoints(piece);
      const fitting = length <= room ? piece : Array.from(piece).slice(0, room).join('');
      if (!(await emit(fitting))) return 'gone';
      sentChars += Math.min(length, room);
      if (length > room) return 'length';
    }
  }
  return 'stop';
}
