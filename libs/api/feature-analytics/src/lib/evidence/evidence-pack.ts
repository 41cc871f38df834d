import type { ComparedFigures, EvidenceFigures } from './evidence-figures';

/** What the model is given, and what the page shows next to its answer. */
export interface EvidencePack {
  /** Markdown: the figures with their units, the window and the comparison. */
  text: string;
  /** The question asked about them, in words (the assistant's user message). */
  question: string;
}

/**
 * The pack's bound: every list in it is capped (AAS: the total, CPU and at most twelve classes;
 * top SQL: at most ten statements; gaps: at most five), so it never exceeds this.
 */
export const MAX_EVIDENCE_CHARS = 4000;
const MAX_GAPS = 5;
/** A class under this in both windows is left out of the table (its name is still counted). */
const NEGLIGIBLE_AAS = 0.005;
/** Oracle's own names of the wait classes (`v$system_wait_class.wait_class`), which models know. */
const WAIT_CLASS_WORDS: Readonly<Record<string, string>> = {
  total: 'total (DB time)',
  cpu: 'CPU',
  administrative: 'Administrative',
  application: 'Application',
  cluster: 'Cluster',
  commit: 'Commit',
  concurrency: 'Concurrency',
  configuration: 'Configuration',
  network: 'Network',
  other: 'Other',
  queueing: 'Queueing',
  scheduler: 'Scheduler',
  system_io: 'System I/O',
  user_io: 'User I/O',
};
/**
 * The evidence as Markdown the model can cite: every figure with its unit, the window and the
 * comparison said in words, times in UTC. The database name is quoted as JSON, so that a name
 * cannot close the quotes and read as an instruction.
 */
export function evidencePack(figures: EvidenceFigures, simulated: boolean): EvidencePack {
  const { range, comparison } = figures.window;
  const name = JSON.stringify(figures.database);
  const lines = [
    `## Evidence for database ${name}`,
    '',
    `- Window: ${utc(range.from)} to ${utc(range.to)} (${duration(range.to - range.from)}, a point every ${range.step} s).`,
    `- Comparison: the same window a week earlier, ${utc(comparison.from)} to ${utc(comparison.to)}.`,
    "- Source: Prometheus, fed by Oracle's database metrics exporter; figures summed over every instance and container.",
    ...(simulated
      ? ['- These figures are simulated (a development exporter), not from a real database.']
      : []),
    '',
    ...aasSection(figures),
    '',
    ...dbTimeSection(figures),
    '',
    ...topSqlSection(figures),
    '',
    ...availabilitySection(figures),
  ];
  return { text: lines.join('\n'), question: question(figures) };
}

function aasSection(figures: EvidenceFigures): string[] {
  const shown = figures.aas.filter(
    ({ name, window, weekEarlier }) =>
      name === 'total' ||
      name === 'cpu' ||
      (window?.average ?? 0) >= NEGLIGIBLE_AAS ||
      (weekEarlier?.average ?? 0) >= NEGLIGIBLE_AAS,
  );
  const left = figures.aas.length - shown.length;
  return [
    '### Average active sessions (AAS) by wait class, in sessions',
    '',
    '| wait class | average | peak (at, UTC) | average a week earlier |',
    '| --- | --- | --- | --- |',
    ...shown.map((row) => comparedRow(WAIT_CLASS_WORDS[row.name] ?? row.name, row)),
    ...(left > 0
      ? ['', `${left} other wait classes stayed under ${NEGLIGIBLE_AAS} sessions.`]
      : []),
  ];
}

function dbTimeSection({
  dbTime,
  dbCpu,
  cpus,
  secondsAboveCpus,
  window,
}: EvidenceFigures): string[] {
  const lines = ['### DB time against the CPUs', ''];
  lines.push(
    cpus === undefined
      ? '- CPUs: not reported.'
      : `- CPUs: ${number(cpus)} (gv$osstat NUM_CPUS, every instance); one CPU is one CPU second per second.`,
  );
  for (const [label, figures] of [
    ['DB time', dbTime],
    ['DB CPU', dbCpu],
  ] as const) {
    const now = figures?.window;
    if (now === undefined) {
      lines.push(`- ${label}: no figures in the window.`);
      continue;
    }
    const share =
      label === 'DB CPU' && cpus !== undefined && cpus > 0
        ? ` (${Math.round((100 * now.average) / cpus)} % of the CPUs)`
        : '';
    lines.push(
      `- ${label}: ${number(now.average)} s/s on average${share}, at most ${number(now.peak)} at ${clock(now.peakAt)}; ` +
        `a week earlier ${figures?.weekEarlier === undefined ? 'no figures' : `${number(figures.weekEarlier.average)} s/s on average`}.`,
    );
  }
  if (secondsAboveCpus !== undefined) {
    lines.push(
      `- AAS was above the CPU count for ${duration(secondsAboveCpus)} of the ${duration(window.range.to - window.range.from)}.`,
    );
  }
  return lines;
}

function topSqlSection({ topSql }: EvidenceFigures): string[] {
  if (topSql.length === 0)
    return ['### Top SQL', '', 'No statement reported elapsed time in the window.'];
  return [
    '### Top SQL by elapsed time, in seconds per second (by sql_id)',
    '',
    '| sql_id | average | peak (at, UTC) | average a week earlier |',
    '| --- | --- | --- | --- |',
    ...topSql.map((row) => comparedRow(row.name, row)),
  ];
}

function availabilitySection({ gaps }: EvidenceFigures): string[] {
  const heading = '### Exporter availability (oracledb_up)';
  if (gaps.length === 0)
    return [heading, '', '- The exporter reported the database up throughout the window.'];
  const listed = gaps
    .slice(0, MAX_GAPS)
    .map(
      (gap) =>
        `- Not reported up from ${clock(gap.from)} to ${clock(gap.to)} (${duration(gap.to - gap.from)}).`,
    );
  const more = gaps.length - MAX_GAPS;
  return [heading, '', ...listed, ...(more > 0 ? [`- And ${more} more such gaps.`] : [])];
}

function comparedRow(label: string, { window, weekEarlier }: ComparedFigures): string {
  const now =
    window === undefined
      ? 'no figures | —'
      : `${number(window.average)} | ${number(window.peak)} (${clock(window.peakAt)})`;
  return `| ${label} | ${now} | ${weekEarlier === undefined ? 'no figures' : number(weekEarlier.average)} |`;
}

/**
 * The question, mostly words: what stood out, so that the answer starts from it. The figures
 * themselves are in the evidence.
 */
function question(figures: EvidenceFigures): string {
  const classes = figures.aas.filter(({ name }) => name !== 'total' && name !== 'cpu');
  const top = [...classes].sort((a, b) => (b.window?.average ?? 0) - (a.window?.average ?? 0))[0];
  const parts = [
    `Explain what happened on database ${JSON.stringify(figures.database)} in this window.`,
  ];
  if (top?.window !== undefined) {
    parts.push(`The largest wait class was ${WAIT_CLASS_WORDS[top.name] ?? top.name}.`);
  }
  if ((figures.secondsAboveCpus ?? 0) > 0) {
    parts.push('Average active sessions went above the CPU count.');
  }
  parts.push(
    'Which figures of the evidence point to the cause, how does it compare with a week earlier, and what should a DBA check next?',
  );
  return parts.join(' ');
}

function number(value: number): string {
  const magnitude = Math.abs(value);
  return value.toFixed(magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2);
}

/** `2026-12-06 10:20:00 UTC` */
function utc(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** `10:27:15` (UTC) */
function clock(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().slice(11, 19);
}

function duration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 2 * 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}
