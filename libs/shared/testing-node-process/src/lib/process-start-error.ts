export type ProcessStartErrorCode =
  | 'ERR_PROCESS_MAIN_MISSING'
  | 'ERR_PROCESS_SPAWN_FAILED'
  | 'ERR_PROCESS_EXITED_EARLY'
  | 'ERR_PROCESS_NOT_READY';

/**
 * A process that could not be started or did not become ready. The message ends with everything
 * the process printed, because that is where the reason is (a taken port, a bad variable).
 */
export class ProcessStartError extends Error {
  override readonly name = 'ProcessStartError';

  constructor(
    readonly code: ProcessStartErrorCode,
    summary: string,
    readonly output = '',
  ) {
    super(output.trim() === '' ? summary : `${summary}; its output:\n${output.trimEnd()}`);
  }
}
