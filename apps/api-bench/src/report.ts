import { renderChatRound } from './chat/chat-report';
import type { ChatRoundResult } from './chat/chat-round';
import type { ServerChecks } from './checks';
import { markdownTable, micros, mib, ms, signed, thousands } from './format';
import { renderGoalResults, type GoalResult } from './goals';
import { ROUNDS, type RoundKind } from './rounds';
import type { RunInfo } from './run-info';
import type { ServerTarget } from './servers';
import { apiSummary, bareFloorSummary, cryptoCeiling, type RoundSummary } from './stats';

export function renderResults(summaries: RoundSummary[]): string {
  return markdownTable(
    [
      'server',
      'round',
      'rps',
      '× floor',
      '× API floor',
      'p50 ms',
      'p99 ms',
      'p99 × floor',
      'errors',
      'server CPU',
      'CPU µs/request',
      'rps per repetition',
    ],
    summaries.map((s) => [
      s.target.label,
      ROUNDS[s.kind].title + (s.tokenWraps > 0 ? ` (tokens reused ${s.tokenWraps}×)` : ''),
      thousands(s.rps),
      `${s.ratio.toFixed(2)}×`,
      `${s.ratioToApiFloor.toFixed(2)}×`,
      ms(s.p50Ms),
      ms(s.p99Ms),
      `${s.p99Ratio.toFixed(2)}×`,
      String(s.errors),
      `${Math.round(s.serverCpuPercent)} %`,
      s.serverCpuMicrosPerRequest.toFixed(1),
      s.rpsPerRepetition.map(thousands).join(' / '),
    ]),
  );
}

export function renderChecks(checks: Array<[ServerTarget, ServerChecks]>): string {
  return markdownTable(
    [
      'server',
      'cold start: JWKS fetches',
      'discovery fetches',
      '200s',
      'RSS before MiB',
      'mid MiB',
      'after MiB',
      'peak MiB',
      'change',
      '2nd half',
      'errors',
    ],
    checks.map(([target, { coldStart, rss }]) => [
      target.label,
      String(coldStart.jwksFetches),
      String(coldStart.discoveryFetches),
      `${coldStart.ok}/${coldStart.requests}`,
      mib(rss.beforeKiB),
      mib(rss.midKiB),
      mib(rss.afterKiB),
      mib(rss.peakKiB),
      `${signed(rss.changePercent)} %`,
      `${signed(rss.secondHalfChangePercent)} %`,
      String(rss.errors),
    ]),
  );
}

export function renderRunInfo(info: RunInfo): string {
  return [
    `- date: ${info.date}`,
    `- command: \`${info.command}\``,
    `- machine: ${info.cpus} CPUs, ${info.cpuModel}, Linux ${info.kernel}`,
    `- load average (1/5/15 min): ${info.loadAverageBefore} before, ${info.loadAverageAfter} after`,
    `- Node ${info.node}; API built from ${info.apiCommit}`,
    `- load: ${info.loadGenerator}, ${info.connections} connections, ${info.threads} thread(s), ${info.durationS} s per round, ${info.repetitions} interleaved repetitions; ${info.pinning}`,
    `- tokens: ${info.tokensMinted.toLocaleString('en-US')} distinct RS256 tokens minted for the run, ${info.tokensPerFreshRound.toLocaleString('en-US')} per fresh/invalid round; ${info.proofsPerDpopRound.toLocaleString('en-US')} ES256 DPoP proofs minted just before each DPoP round`,
    `- the API runs with its metrics listener on (METRICS_PORT), as operators run it; \`AUTH_DPOP=allowed\`, memory replay store`,
  ].join('\n');
}

export function renderReport(parts: {
  info: RunInfo;
  summaries: RoundSummary[];
  checks: Array<[ServerTarget, ServerChecks]>;
  goals: GoalResult[];
  chat?: ChatRoundResult;
  preflightNotes: string[];
}): string {
  const api = (kind: RoundKind) => apiSummary(parts.summaries, kind);
  const apiFloor = api('floor');
  const carried = api('carry');
  const same = api('same');
  const fresh = api('fresh');
  const dpop = api('dpop');
  const bare = bareFloorSummary(parts.summaries);
  const notes =
    parts.preflightNotes.length === 0
      ? 'Every server answered every preflight request with the status the API uses.'
      : parts.preflightNotes.map((note) => `- ${note}`).join('\n');
  return [
    renderRunInfo(parts.info),
    '',
    '### Throughput and latency (medians of the repetitions)',
    '',
    renderResults(parts.summaries),
    '',
    '### Cold start and memory (a new process per server)',
    '',
    'JWKS/discovery fetches while the first burst of concurrent requests is answered. RSS is ' +
      'sampled every 100 ms under load: "before" is the median over the second half of a ' +
      '50,000-token warm-up, "mid" and "after" over the second half of each half of the ' +
      'distinct-token run; peak is the highest sample of the run.',
    '',
    renderChecks(parts.checks),
    '',
    ...(parts.chat === undefined
      ? []
      : [
          '### The assistant (`POST /api/chat/completions` against the dev model server)',
          '',
          'The dev model server (on the load CPU) answers scripted streams, one request at a time, ' +
            'directly and through the API (on the server CPU), the two interleaved: time from ' +
            'sending the request to the first content chunk, and content chunks per second of one ' +
            'long stream. Then a new API process holds one stream per user open at once (a piece a ' +
            'second each) and its RSS is compared with the same process warmed and idle.',
          '',
          renderChatRound(parts.chat),
          '',
        ]),
    '### Goals',
    '',
    renderGoalResults(parts.goals),
    '',
    ...(apiFloor === undefined
      ? []
      : [
          ceilingLine(
            'fresh-token',
            'RS256 verification',
            parts.info.verifyMicros,
            apiFloor,
            fresh,
          ),
          '',
          ceilingLine(
            'DPoP',
            'ES256 proof verification',
            parts.info.proofVerifyMicros,
            apiFloor,
            dpop,
          ),
          '',
        ]),
    ...(apiFloor === undefined || fresh === undefined
      ? []
      : [cpuSplitLine(apiFloor, fresh, parts.info.verifyMicros), '']),
    ...(apiFloor === undefined || bare === undefined
      ? []
      : [
          `The floor against bare Fastify: the API's \`/healthz\` reached ${(apiFloor.rps / bare.rps).toFixed(3)}× ` +
            `of a bare Fastify \`/healthz\` measured in the same block (${micros(bare.rps, apiFloor.rps)} µs per request for what ` +
            `sits in front of every route: CORS, request ids, the draining server, hooks).`,
          '',
        ]),
    ...(apiFloor === undefined || carried === undefined || same === undefined
      ? []
      : [
          `The token's bytes alone: \`/healthz\` carrying the same-token round's Authorization ` +
            `header (${parts.info.sameTokenHeaderBytes.toLocaleString('en-US')} bytes) reached ${carried.ratio.toFixed(2)}× the floor, ` +
            `${micros(apiFloor.rps, carried.rps)} µs more per request before any verification; the ` +
            `same-token round reached ${(same.rps / carried.rps).toFixed(2)}× of that ` +
            `(${micros(carried.rps, same.rps)} µs for the cache lookup, group policy and the \`/me\` answer with its headers).`,
          '',
        ]),
    '### Preflight: rejections answered differently from the API',
    '',
    notes,
  ].join('\n');
}

/** The ceiling a round can reach when each request pays one signature check on top of the floor. */
function ceilingLine(
  round: string,
  check: string,
  checkMicros: number,
  floor: RoundSummary,
  measured: RoundSummary | undefined,
): string {
  const ceiling = cryptoCeiling(floor.rps, checkMicros * 1e-6);
  return (
    `Crypto ceiling for the ${round} ratio on this machine: 1 / (1 + ${checkMicros.toFixed(1)} µs per ` +
    `${check} × ${Math.round(floor.rps).toLocaleString('en-US')} floor rps) = ${ceiling.toFixed(3)}×` +
    (measured === undefined
      ? '.'
      : `; measured ${measured.ratio.toFixed(3)}× = ${(measured.ratio / ceiling).toFixed(3)} of it.`)
  );
}

/** Where the server's CPU goes on a never-seen token: the floor's work, the signature, the rest. */
function cpuSplitLine(floor: RoundSummary, fresh: RoundSummary, signatureMicros: number): string {
  const total = fresh.serverCpuMicrosPerRequest;
  const base = floor.serverCpuMicrosPerRequest;
  const rest = total - base - signatureMicros;
  return (
    `Server CPU per fresh-token request: ${total.toFixed(1)} µs = floor ${base.toFixed(1)} µs + ` +
    `RS256 signature ${signatureMicros.toFixed(1)} µs + the rest ${rest.toFixed(1)} µs ` +
    `(header and claims decoding, hashing and caching, the /me answer, and what the kernel spends ` +
    `on the larger request).`
  );
}
