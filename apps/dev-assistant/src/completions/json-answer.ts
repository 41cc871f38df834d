import { type AnswerExchange, maxCharsOf } from './answer-exchange';
import { completion } from './completion-objects';
import { generatePieces } from './generate-pieces';
import { codePoints, promptTokensOf, usageOf } from './usage';

/**
 * Sends an answer as one `chat.completion` object (`stream` off). The answer takes as long as
 * its stream would (the delays and the pause between pieces all pass first), then headers and
 * body go out together, as most servers send them. A scripted `cut` sends half of the body,
 * `reset` resets the socket instead of answering, `hang` sends nothing.
 */
export async function jsonAnswer(exchange: AnswerExchange): Promise<void> {
  const { res, channel, plan, request, record, identity } = exchange;
  if (!(await channel.pause(plan.headersDelayMs + plan.firstChunkDelayMs))) return;
  let content = '';
  let pieces = 0;
  const outcome = await generatePieces(plan, channel, maxCharsOf(request), (piece) => {
    content += piece;
    pieces++;
    return Promise.resolve(!channel.gone);
  });
  if (outcome === 'gone') return;
  if (plan.end === 'reset') {
    channel.reset();
    return;
  }
  if (plan.end === 'hang') return;

  const usage = usageOf(
    promptTokensOf(request.messages.map((m) => m.content)),
    codePoints(content),
  );
  const body = JSON.stringify(completion(identity, content, outcome, usage));
  const headers = { ...plan.headers, 'content-type': 'application/json; charset=utf-8' };
  record.status = 200;
  record.chunksSent = pieces;
  if (plan.end === 'cut') {
    res.writeHead(200, headers);
    res.end(body.slice(0, Math.floor(body.length / 2)));
  } else {
    res.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }
}
