/** The command line was wrong (a flag, an argument, an environment variable): exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
