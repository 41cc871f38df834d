import { markdownTable, mib, ms, thousands } from '../format';
import type { ChatRoundResult } from './chat-round';

/** The assistant round's section of the report. */
export function renderChatRound({ firstToken, throughput, openStreams }: ChatRoundResult): string {
  return [
    markdownTable(
      ['measure', 'direct to the model server', 'through the API', 'API − direct / API ÷ direct'],
      [
        [
          `time to first token, median (p90) of ${firstToken.samples}`,
          `${ms(firstToken.directMs)} ms (${ms(firstToken.directP90Ms)})`,
          `${ms(firstToken.apiMs)} ms (${ms(firstToken.apiP90Ms)})`,
          `+${ms(firstToken.addedMs)} ms`,
        ],
        [
          `chunks per second, one stream of ${thousands(throughput.chunks)}`,
          thousands(throughput.directChunksPerS),
          thousands(throughput.apiChunksPerS),
          `${throughput.ratio.toFixed(3)}×`,
        ],
      ],
    ),
    '',
    `Chunks per second per repetition (direct / API): ${throughput.perRepetition
      .map((r) => `${thousands(r.direct)} / ${thousands(r.api)}`)
      .join(', ')}. The API's CPU time per relayed chunk: ` +
      `${throughput.apiCpuMicrosPerChunk.toFixed(1)} µs. Failed requests: ${firstToken.errors} ` +
      `(first token), ${throughput.errors} (throughput).`,
    '',
    `${thousands(openStreams.streams)} streams open at once (${thousands(openStreams.streams)} users, a piece a second each): ` +
      `${thousands(openStreams.open)} open with their first content, ${openStreams.serverErrors} 5xx, ` +
      `${openStreams.otherFailures} other failures; API RSS ${mib(openStreams.beforeKiB)} MiB warmed and idle → ` +
      `${mib(openStreams.openKiB)} MiB with them open = ${openStreams.perStreamKiB.toFixed(1)} KiB per open stream.`,
  ].join('\n');
}
