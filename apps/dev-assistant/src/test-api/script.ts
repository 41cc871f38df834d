import {
  DEV_ASSISTANT_SCRIPT_ENDS,
  type DevAssistantScript,
} from '@oracle-ai/shared/util-dev-assistant-test-api';
import { quoted } from '@oracle-ai/shared/util-env';
import { OpenAiError } from '../http/openai-error';

const MAX_DELAY_MS = 10 * 60 * 1000;
const MAX_CHUNKS = 100_000;
const MAX_REPEAT = 1_000_000;
/** Fields that shape an answer, meaningless for an error status. */
const ANSWER_FIELDS = ['firstChunkDelayMs', 'chunks', 'repeat', 'chunkIntervalMs', 'end'] as const;

type Check = (value: unknown, name: string) => void;

const FIELDS: Record<keyof DevAssistantScript, Check> = {
  status: integer(200, 599),
  errorMessage: (value, name) => {
    if (typeof value !== 'string' || value.length > 10_000) {
      throw invalid(name, 'must be a string of at most 10000 characters');
    }
  },
  retryAfterS: integer(0, 86_400),
  headersDelayMs: integer(0, MAX_DELAY_MS),
  firstChunkDelayMs: integer(0, MAX_DELAY_MS),
  chunks: (value, name) => {
    if (
      !Array.isArray(value) ||
      value.length > MAX_CHUNKS ||
      !value.every((c) => typeof c === 'string')
    ) {
      throw invalid(name, `must be an array of at most ${MAX_CHUNKS} strings`);
    }
  },
  repeat: integer(1, MAX_REPEAT),
  chunkIntervalMs: integer(0, MAX_DELAY_MS),
  end: (value, name) => {
    if (!(DEV_ASSISTANT_SCRIPT_ENDS as readonly unknown[]).includes(value)) {
      throw invalid(
        name,
        `must be one of ${DEV_ASSISTANT_SCRIPT_ENDS.map((end) => `'${end}'`).join(', ')}`,
      );
    }
  },
};

/**
 * A script as posted, checked strictly: an unknown field (a typo such as `statsu`) or a field
 * that cannot apply is refused rather than silently ignored, since a test would then pass or
 * fail for the wrong reason.
 */
export function parseScript(body: unknown): DevAssistantScript {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new OpenAiError(400, 'A script must be a JSON object.', { code: 'invalid_type' });
  }
  const script = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(script)) {
    if (!Object.hasOwn(FIELDS, name)) {
      throw new OpenAiError(400, `Unknown script field ${quoted(name)}.`, {
        param: name,
        code: 'unknown_parameter',
      });
    }
    if (value !== undefined) FIELDS[name as keyof DevAssistantScript](value, name);
  }
  const failing = script['status'] !== undefined && !isSuccess(script['status'] as number);
  if (failing) {
    const misplaced = ANSWER_FIELDS.find((name) => script[name] !== undefined);
    if (misplaced) {
      throw invalid(
        misplaced,
        `applies to an answer, not to an error status (${script['status']})`,
      );
    }
  } else if (script['errorMessage'] !== undefined) {
    throw invalid('errorMessage', 'needs a non-2xx status');
  }
  return script as DevAssistantScript;
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function integer(min: number, max: number): Check {
  return (value, name) => {
    if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
      throw invalid(name, `must be an integer from ${min} to ${max}`);
    }
  };
}

function invalid(name: string, problem: string): OpenAiError {
  return new OpenAiError(400, `Script field '${name}' ${problem}.`, {
    param: name,
    code: 'invalid_value',
  });
}
