/**
 * Token counts as the answers report them. There is no tokenizer here, so the usual rule of
 * thumb for English: one token per four characters (Unicode code points), rounded up.
 */
export function tokensFor(codePointCount: number): number {
  return Math.ceil(codePointCount / 4);
}

/** Without building an array: answers stream megabytes in tests. */
export function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

/** Prompt tokens: each message's content estimated on its own, then summed. */
export function promptTokensOf(contents: readonly string[]): number {
  return contents.reduce((sum, content) => sum + tokensFor(codePoints(content)), 0);
}

export function usageOf(promptTokens: number, completionCodePoints: number): Usage {
  const completionTokens = tokensFor(completionCodePoints);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}
