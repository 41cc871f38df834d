import { Agent } from 'node:http';
import {
  startDevAssistant,
  type RunningDevAssistant,
} from '@oracle-ai/shared/testing-dev-assistant';
import type { BenchRun } from '../bench-run';
import { API_MAIN } from '../paths';
import { cpuSeconds } from '../proc-stats';
import { startServer, type ServerTarget } from '../servers';
import { median } from '../stats';
import { openStreamsAtOnce, type OpenStreamsResult } from './open-streams';
import { streamOnce, type StreamTiming } from './sse-client';

export interface FirstTokenResult {
  samples: number;
  directMs: number;
  apiMs: number;
  /** Median of the API's time to first token minus the direct one's. */
  addedMs: number;
  directP90Ms: number;
  apiP90Ms: number;
  errors: number;
}

export interface ThroughputResult {
  chunks: number;
  directChunksPerS: number;
  apiChunksPerS: number;
  ratio: number;
  /** The API process's CPU time per chunk relayed (median): what it costs, whatever the pace. */
  apiCpuMicrosPerChunk: number;
  perRepetition: { direct: number; api: number }[];
  errors: number;
}

export interface ChatRoundResult {
  firstToken: FirstTokenResult;
  throughput: ThroughputResult;
  openStreams: OpenStreamsResult;
}

/** The API as operators run it, answering from the dev model server, with limits out of the way. */
function chatTarget(modelUrl: string): ServerTarget {
  return {
    id: 'api-chat',
    label: 'oracle-ai API (assistant)',
    script: API_MAIN,
    env: {
      LOG_LEVEL: 'info',
      CHAT_MODEL_URL: modelUrl,
      // One user asks hundreds of questions in a row here: the limits are not what is measured.
      CHAT_RATE_PER_MINUTE: '100000',
      CHAT_MAX_CONCURRENT: '10000',
    },
    rounds: [],
    metrics: true,
  };
}

const QUESTION = [{ role: 'user', content: 'Why is my nightly batch slower than last week?' }];

/**
 * The assistant round: the dev model server (on the load CPU, like the harness) answers scripted
 * streams, directly and through the API (on the server CPU), one at a time: time to first token
 * and chunks per second, direct and API interleaved so drift hits both; then a new API process
 * holds `streams` answers open at once and its memory per open stream is read.
 */
export async function runChatRound(run: BenchRun): Promise<ChatRoundResult> {
  const { chatRequests, chatChunks, chatStreams, repetitions } = run.options;
  const assistant = await startDevAssistant({ paceMs: 0 });
  try {
    const target = chatTarget(assistant.baseUrl);
    const start = () =>
      startServer(target, {
        issuer: run.issuer.issuer,
        audience: run.issuer.audience,
        cpu: run.cpus.serverCpu,
      });
    let api = await start();
    const token = await run.issuer.mint();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const direct = (body: object) =>
      streamOnce(new URL(`${assistant.baseUrl}/chat/completions`), JSON.stringify(body), {
        agent,
      });
    const viaApi = (body: object) =>
      streamOnce(new URL(`${api.baseUrl}/api/chat/completions`), JSON.stringify(body), {
        agent,
        headers: { authorization: `Bearer ${token}` },
      });
    try {
      console.log(`assistant: time to first token, ${chatRequests} requests each way`);
      const firstToken = await measureFirstToken(assistant, direct, viaApi, chatRequests);
      console.log(`assistant: chunks per second, ${chatChunks} chunks × ${repetitions} each way`);
      const throughput = await measureThroughput(assistant, direct, viaApi, {
        chunks: chatChunks,
        repetitions,
        apiPid: api.process.pid,
      });
      await api.stop();
      console.log(`assistant: ${chatStreams} streams open at once on a new API process`);
      api = await start();
      const openStreams = await openStreamsAtOnce(run, api, assistant, chatStreams);
      return { firstToken, throughput, openStreams };
    } finally {
      agent.destroy();
      await api.stop();
    }
  } finally {
    await assistant.stop();
  }
}

type Ask = (body: object) => Promise<StreamTiming>;

async function measureFirstToken(
  assistant: RunningDevAssistant,
  direct: Ask,
  viaApi: Ask,
  requests: number,
): Promise<FirstTokenResult> {
  const body = { model: 'oracle-ai-dev', stream: true, messages: QUESTION };
  const answer = { chunks: ['The ', 'first ', 'tokens.'], chunkIntervalMs: 0 };
  const once = async (ask: Ask) => {
    await assistant.script(answer);
    return ask(body);
  };
  // Warm both paths (JIT, connections), then alternate which goes first.
  for (let i = 0; i < 20; i++) {
    await once(direct);
    await once(viaApi);
  }
  const directMs: number[] = [];
  const apiMs: number[] = [];
  let errors = 0;
  for (let i = 0; i < requests; i++) {
    const order: [Ask, number[]][] =
      i % 2 === 0
        ? [
            [direct, directMs],
            [viaApi, apiMs],
          ]
        : [
            [viaApi, apiMs],
            [direct, directMs],
          ];
    for (const [ask, into] of order) {
      const timing = await once(ask);
      if (timing.status !== 200 || !timing.done || Number.isNaN(timing.firstTokenMs)) errors++;
      else into.push(timing.firstTokenMs);
    }
  }
  await assistant.reset();
  const directMedian = median(directMs);
  const apiMedian = median(apiMs);
  return {
    samples: Math.min(directMs.length, apiMs.length),
    directMs: directMedian,
    apiMs: apiMedian,
    addedMs: apiMedian - directMedian,
    directP90Ms: percentile(directMs, 0.9),
    apiP90Ms: percentile(apiMs, 0.9),
    errors,
  };
}

async function measureThroughput(
  assistant: RunningDevAssistant,
  direct: Ask,
  viaApi: Ask,
  { chunks, repetitions, apiPid }: { chunks: number; repetitions: number; apiPid: number },
): Promise<ThroughputResult> {
  const body = { model: 'oracle-ai-dev', stream: true, messages: QUESTION };
  const cpuMicros: number[] = [];
  const rate = async (ask: Ask): Promise<number | undefined> => {
    await assistant.script({ chunks: [' token'], repeat: chunks, chunkIntervalMs: 0 });
    const cpuBefore = cpuSeconds(apiPid);
    const timing = await ask(body);
    const cpuAfter = cpuSeconds(apiPid);
    if (ask === viaApi && cpuBefore !== undefined && cpuAfter !== undefined) {
      cpuMicros.push(((cpuAfter - cpuBefore) / chunks) * 1e6);
    }
    const complete = timing.status === 200 && timing.done && timing.contentChunks === chunks;
    return complete ? (timing.contentChunks - 1) / (timing.streamingMs / 1000) : undefined;
  };
  const perRepetition: { direct: number; api: number }[] = [];
  let errors = 0;
  for (let r = 0; r < repetitions; r++) {
    const [first, second] = r % 2 === 0 ? [direct, viaApi] : [viaApi, direct];
    const a = await rate(first);
    const b = await rate(second);
    if (a === undefined || b === undefined) {
      errors++;
      continue;
    }
    perRepetition.push(first === direct ? { direct: a, api: b } : { direct: b, api: a });
  }
  await assistant.reset();
  const directRate = median(perRepetition.map((r) => r.direct));
  const apiRate = median(perRepetition.map((r) => r.api));
  return {
    chunks,
    directChunksPerS: directRate,
    apiChunksPerS: apiRate,
    ratio: apiRate / directRate,
    apiCpuMicrosPerChunk: median(cpuMicros),
    perRepetition,
    errors,
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
