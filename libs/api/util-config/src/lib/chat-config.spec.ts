import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@oracle-ai/shared/util-env';
import { loadChatConfig } from './chat-config';

describe('loadChatConfig', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chat-config-'));
  const file = (name: string, content: string) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };

  it('reads every variable; the key and the prompt from their files, trimmed', () => {
    expect(
      loadChatConfig({
        CHAT_MODEL_URL: 'https://llm-gateway.example.com/openai/v1/',
        CHAT_MODEL: 'meta-llama/Llama-3.1-70B-Instruct',
        CHAT_MODEL_API_KEY_FILE: file('key', '  sk-test-123\n'),
        CHAT_SYSTEM_PROMPT_FILE: file('prompt', '\nYou answer on Oracle.\n'),
        CHAT_RATE_PER_MINUTE: '60',
        CHAT_MAX_CONCURRENT: '4',
        CHAT_TIMEOUT_S: '45',
        CHAT_LIMITS_STORE: 'rediss://redis.example.com:6380',
      }),
    ).toEqual({
      modelUrl: 'https://llm-gateway.example.com/openai/v1',
      model: 'meta-llama/Llama-3.1-70B-Instruct',
      modelApiKey: 'sk-test-123',
      systemPrompt: 'You answer on Oracle.',
      ratePerMinute: 60,
      maxConcurrent: 4,
      timeoutS: 45,
      limitsStore: { kind: 'redis', url: 'rediss://redis.example.com:6380' },
    });
  });

  it('accepts plain http to a loopback model server (development)', () => {
    expect(loadChatConfig({ CHAT_MODEL_URL: 'http://localhost:4600/v1' }).modelUrl).toBe(
      'http://localhost:4600/v1',
    );
  });

  it.each([
    [{ CHAT_MODEL_URL: 'http://llm.example.com/v1' }, 'CHAT_MODEL_URL must use https'],
    [
      { CHAT_MODEL_URL: 'https://llm.example.com/v1?key=x' },
      'CHAT_MODEL_URL must not contain a query',
    ],
    [
      { CHAT_MODEL_URL: 'https://u:p@llm.example.com/v1' },
      'CHAT_MODEL_URL must not contain credentials',
    ],
    [{ CHAT_MODEL: 'a\nb' }, 'CHAT_MODEL must be a model name'],
    [{ CHAT_MODEL: 'm'.repeat(257) }, 'CHAT_MODEL must be a model name'],
    [{ CHAT_RATE_PER_MINUTE: '0' }, 'CHAT_RATE_PER_MINUTE must be a whole number from 1 to 100000'],
    [{ CHAT_MAX_CONCURRENT: '1.5' }, 'CHAT_MAX_CONCURRENT must be a whole number from 1 to 10000'],
    [{ CHAT_TIMEOUT_S: '601' }, 'CHAT_TIMEOUT_S must be a whole number from 1 to 600'],
    [
      { CHAT_LIMITS_STORE: 'redis' },
      'CHAT_LIMITS_STORE must be "memory" or a redis://host:port URL',
    ],
    [
      { CHAT_MODEL_API_KEY_FILE: '/nonexistent/key' },
      'CHAT_MODEL_API_KEY_FILE names a file that cannot be read',
    ],
  ])('%p → %p', (env, message) => {
    expect(() => loadChatConfig(env)).toThrow(ConfigError);
    expect(() => loadChatConfig(env)).toThrow(message);
  });

  it('refuses an empty key file and an over-long prompt without printing either', () => {
    const emptyKey = () => loadChatConfig({ CHAT_MODEL_API_KEY_FILE: file('empty', ' \n') });
    expect(emptyKey).toThrow('CHAT_MODEL_API_KEY_FILE names an empty file');
    const long = 'p'.repeat(100_001);
    let message = '';
    try {
      loadChatConfig({ CHAT_SYSTEM_PROMPT_FILE: file('long', long) });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^CHAT_SYSTEM_PROMPT_FILE names a file of 100001 characters/);
    expect(message).not.toContain('ppp');
  });
});
