import { Agent, request, type ClientRequest } from 'node:http';
import type { RunningDevAssistant } from '@oracle-ai/shared/testing-dev-assistant';
import type { BenchRun } from '../bench-run';
import { rssKiB } from '../proc-stats';
import type { RunningServer } from '../servers';
import { median } from '../stats';

export interface OpenStreamsResult {
  streams: number;
  /** Streams that got 200 and their first content while all were open. */
  open: number;
  serverErrors: number;
  otherFailures: number;
  beforeKiB: number;
  openKiB: number;
  perStreamKiB: number;
}

/** Streams being opened at a time: a ramp, not a burst that only measures the accept queue. */
const OPENING_AT_ONCE = 100;
const WARM_UP_STREAMS = 200;

/**
 * `count` users each hold one answer open on one API process (the model server drips a piece a
 * second, so every stream stays alive): the API's RSS with them all open, against the same
 * process warmed and idle, gives its memory per open stream. Every stream's status is counted.
 */
export async function openStreamsAtOnce(
  run: BenchRun,
  api: RunningServer,
  assistant: RunningDevAssistant,
  count: number,
): Promise<OpenStreamsResult> {
  const pid = api.process.pid;
  const mint = (user: string) => run.issuer.mint({ claims: { sub: user } });
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push(await mint(`bench-user-${i}`));
  const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(`${api.baseUrl}/api/chat/completions`);
  const body = JSON.stringify({
    stream: true,
    messages: [{ role: 'user', content: 'Why is my nightly batch slower than last week?' }],
  });
  const calls: ClientRequest[] = [];
  try {
    // Warm the process on the same path (code compiled, pools grown) with users of its own,
    // then read its idle size.
    for (let i = 0; i < WARM_UP_STREAMS; i++) {
      await assistant.script({ chunks: ['warm'], chunkIntervalMs: 0 });
      const opened = await openOne(url, body, await mint(`bench-warm-up-${i}`), agent, calls);
      opened.call.destroy();
    }
    await assistant.reset();
    const beforeKiB = await sampleRss(pid);

    for (let i = 0; i < count; i++) {
      await assistant.script({ chunks: ['.'], repeat: 600, chunkIntervalMs: 1_000 });
    }
    const outcomes: Outcome[] = [];
    for (let next = 0; next < count; next += OPENING_AT_ONCE) {
      const batch = tokens.slice(next, next + OPENING_AT_ONCE);
      outcomes.push(
        ...(await Promise.all(batch.map((token) => openOne(url, body, token, agent, calls)))),
      );
    }
    const openKiB = await sampleRss(pid);
    const open = outcomes.filter((outcome) => outcome.status === 200 && outcome.firstContent);
    const serverErrors = outcomes.filter((outcome) => outcome.status >= 500).length;
    return {
      streams: count,
      open: open.length,
      serverErrors,
      otherFailures: count - open.length - serverErrors,
      beforeKiB,
      openKiB,
      perStreamKiB: (openKiB - beforeKiB) / count,
    };
  } finally {
    for (const call of calls) call.destroy();
    agent.destroy();
    await assistant.reset();
  }
}

interface Outcome {
  status: number;
  firstContent: boolean;
  call: ClientRequest;
}

/** Opens a stream and resolves once its first content has arrived (or it failed); keeps it open. */
function openOne(
  url: URL,
  body: string,
  token: string,
  agent: Agent,
  calls: ClientRequest[],
): Promise<Outcome> {
  return new Promise((resolve) => {
    const call = request(url, {
      method: 'POST',
      agent,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      timeout: 60_000,
    });
    calls.push(call);
    let settled = false;
    const settle = (status: number, firstContent: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ status, firstContent, call });
    };
    call.once('response', (response) => {
      const status = response.statusCode ?? 0;
      if (status !== 200) {
        response.resume();
        settle(status, false);
        return;
      }
      response.setEncoding('utf8');
      response.on('data', (text: string) => {
        if (text.includes('"delta":{"content":')) settle(status, true);
      });
      response.once('end', () => settle(status, false));
    });
    call.once('timeout', () => call.destroy());
    call.once('error', () => settle(0, false));
    call.end(body);
  });
}

/** The median of 20 readings 100 ms apart: the working size, not one point of a GC cycle. */
async function sampleRss(pid: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const kib = rssKiB(pid);
    if (kib !== undefined) samples.push(kib);
  }
  if (samples.length === 0) throw new Error(`cannot read /proc/${pid}/status`);
  return median(samples);
}
