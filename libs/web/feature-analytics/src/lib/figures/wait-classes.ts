/**
 * How the page names and colours what adds up to average active sessions: DB CPU and Oracle's
 * non-idle wait classes, in the order and the colours DBAs know from Enterprise Manager's
 * performance page (CPU green at the bottom, I/O blue, concurrency and application red …).
 */
export const CPU = { label: 'CPU', color: '#2e9e44' } as const;

export const WAIT_CLASS_LOOK: Readonly<Record<string, { label: string; color: string }>> = {
  scheduler: { label: 'Scheduler', color: '#9ccc65' },
  user_io: { label: 'User I/O', color: '#1f6fd1' },
  system_io: { label: 'System I/O', color: '#64b5f6' },
  concurrency: { label: 'Concurrency', color: '#8e1b1b' },
  application: { label: 'Application', color: '#d32f2f' },
  commit: { label: 'Commit', color: '#f57c00' },
  configuration: { label: 'Configuration', color: '#6d4c41' },
  administrative: { label: 'Administrative', color: '#827717' },
  network: { label: 'Network', color: '#a1887f' },
  cluster: { label: 'Cluster', color: '#e0c48b' },
  queueing: { label: 'Queueing', color: '#b39ddb' },
  other: { label: 'Other', color: '#f06292' },
};

/** A class the page does not know yet (a newer exporter) keeps its own word and a grey. */
export function waitClassLook(name: string): { label: string; color: string } {
  return Object.hasOwn(WAIT_CLASS_LOOK, name)
    ? WAIT_CLASS_LOOK[name]
    : { label: name, color: '#9e9e9e' };
}

/** Stacking order, bottom up. */
export function waitClassRank(name: string): number {
  const index = Object.keys(WAIT_CLASS_LOOK).indexOf(name);
  return index === -1 ? Object.keys(WAIT_CLASS_LOOK).length : index;
}
