import { ConfigError } from '@oracle-ai/shared/util-env';
import { loadDevAssistantConfig } from './config';

describe('loadDevAssistantConfig', () => {
  it('defaults to port 4600, model oracle-ai-dev, no key, a 30 ms pace and no test endpoints', () => {
    expect(loadDevAssistantConfig({})).toEqual({
      port: 4600,
      model: 'oracle-ai-dev',
      apiKey: undefined,
      paceMs: 30,
      enableTestEndpoints: false,
    });
  });

  it('reads every variable', () => {
    expect(
      loadDevAssistantConfig({
        PORT: '4611',
        DEV_ASSISTANT_MODEL: 'meta-llama/Llama-3.1-8B',
        DEV_ASSISTANT_API_KEY: 'sk-dev-123',
        DEV_ASSISTANT_PACE_MS: '0',
        DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS: 'true',
      }),
    ).toEqual({
      port: 4611,
      model: 'meta-llama/Llama-3.1-8B',
      apiKey: 'sk-dev-123',
      paceMs: 0,
      enableTestEndpoints: true,
    });
  });

  it('treats empty values as unset', () => {
    expect(
      loadDevAssistantConfig({ DEV_ASSISTANT_API_KEY: '', DEV_ASSISTANT_MODEL: ' ' }),
    ).toMatchObject({ apiKey: undefined, model: 'oracle-ai-dev' });
  });

  it('refuses NODE_ENV=production', () => {
    expect(() => loadDevAssistantConfig({ NODE_ENV: 'production' })).toThrow(
      'NODE_ENV is "production": the dev model server is for development and tests only and refuses to start',
    );
  });

  it.each([
    [{ PORT: '0' }, 'PORT must be a whole number from 1 to 65535 (got "0")'],
    [{ PORT: '4600x' }, 'PORT must be a whole number from 1 to 65535 (got "4600x")'],
    [
      { DEV_ASSISTANT_PACE_MS: '-1' },
      'DEV_ASSISTANT_PACE_MS must be a whole number from 0 to 10000 (got "-1")',
    ],
    [
      { DEV_ASSISTANT_PACE_MS: '20000' },
      'DEV_ASSISTANT_PACE_MS must be a whole number from 0 to 10000 (got "20000")',
    ],
    [
      { DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS: 'yes' },
      'DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS must be one of true, false (got "yes")',
    ],
    [
      { DEV_ASSISTANT_MODEL: 'my model' },
      'DEV_ASSISTANT_MODEL must be a model id like oracle-ai-dev (got "my model")',
    ],
    [
      { DEV_ASSISTANT_MODEL: 'x\ny' },
      'DEV_ASSISTANT_MODEL must be a model id like oracle-ai-dev (got "x\\ny")',
    ],
  ])('refuses %j with one line naming the variable', (env, message) => {
    const error = catchError(() => loadDevAssistantConfig(env));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(message);
  });

  it('refuses a key with spaces without showing it', () => {
    const error = catchError(() =>
      loadDevAssistantConfig({ DEV_ASSISTANT_API_KEY: 'secret part' }),
    );
    expect(error).toMatchObject({ variable: 'DEV_ASSISTANT_API_KEY' });
    expect(error.message).toBe('DEV_ASSISTANT_API_KEY must be printable ASCII without spaces');
  });
});

function catchError(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
