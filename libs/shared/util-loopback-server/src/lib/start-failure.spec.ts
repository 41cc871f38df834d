import { ConfigError } from '@oracle-ai/shared/util-env';
import { describeStartFailure } from './start-failure';

describe('describeStartFailure', () => {
  it('words a configuration refusal as it is', () => {
    expect(describeStartFailure(new ConfigError('PORT', 'must be a whole number'))).toBe(
      'PORT must be a whole number',
    );
  });

  it('names a port in use and what to do', () => {
    const error = Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE', port: 4600 });
    expect(describeStartFailure(error)).toBe(
      'port 4600 is already in use — stop the other process or set PORT',
    );
  });

  it('gives the message of anything else', () => {
    expect(describeStartFailure(new Error('ENOENT: no such file'))).toBe(
      'failed to start: ENOENT: no such file',
    );
    expect(describeStartFailure('boom')).toBe('failed to start: boom');
  });
});
