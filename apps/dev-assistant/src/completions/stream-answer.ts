import { type AnswerExchange, maxCharsOf } from './answer-exchange';
import { chunk, sseEvent, usageChunk } from './completion-objects';
import { generatePieces } from './generate-pieces';
import { codePoints, promptTokensOf, usageOf } from './usage';

/**
 * Streams an answer as OpenAI's API does (`stream: true`): a role chunk, one chunk per piece, a
 * chunk with the finish reason, the usage chunk when asked for, then `data: [DONE]`. A scripted
 * end other than `done` stops after the pieces: the response ends (`cut`), the socket is reset
 * (`reset`) or nothing more is sent (`hang`).
 */
export async function streamAnswer(exchange: AnswerExchange): Promise<void> {
  const { res, channel, plan, request, record, identity } = exchange;
  if (!(await channel.pause(plan.headersDelayMs))) return;
  res.writeHead(200, {
    ...plan.headers,
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
  });
  res.flushHeaders();
  record.status = 200;
  if (!(await channel.pause(plan.firstChunkDelayMs))) return;

  const withUsage = request.includeUsage;
  const roleChunk = chunk(identity, { role: 'assistant', content: '' }, null, withUsage);
  if (!(await channel.write(sseEvent(roleChunk)))) return;
  let answerCodePoints = 0;
  const outcome = await generatePieces(plan, channel, maxCharsOf(request), (content) => {
    if (channel.gone) return Promise.resolve(false);
    record.chunksSent++;
    answerCodePoints += codePoints(content);
    return channel.write(sseEvent(chunk(identity, { content }, null, withUsage)));
  });
  if (outcome === 'gone') return;

  if (plan.end === 'cut') {
    res.end();
  } else if (plan.end === 'reset') {
    channel.reset();
  } else if (plan.end === 'done') {
    if (!(await channel.write(sseEvent(chunk(identity, {}, outcome, withUsage))))) return;
    if (withUsage) {
      const usage = usageOf(
        promptTokensOf(request.messages.map((m) => m.content)),
        answerCodePoints,
      );
      if (!(await channel.write(sseEvent(usageChunk(identity, usage))))) return;
    }
    res.end(sseEvent('[DONE]'));
  }
}
