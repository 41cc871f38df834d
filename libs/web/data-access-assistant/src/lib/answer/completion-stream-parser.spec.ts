import { CompletionStreamParser, type StreamStep } from './completion-stream-parser';

/** An OpenAI-compatible stream as the API forwards it. */
function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}): string {
  const body = {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'oracle-ai-dev',
    choices: [{ index: 0, delta, finish_reason: null }],
    ...extra,
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}

const STREAM = [
  chunk({ role: 'assistant', content: '' }),
  chunk({ content: 'Log file ' }),
  chunk({ content: 'sync waits — ' }),
  chunk({ content: 'on commit 😀.' }),
  chunk({}, { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }),
  `data: ${JSON.stringify({ id: 'chatcmpl-1', choices: [], usage: { total_tokens: 9 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');

function parseAll(pieces: string[]): { text: string; steps: StreamStep[] } {
  const parser = new CompletionStreamParser();
  const steps = pieces.flatMap((piece) => parser.push(piece));
  const text = steps.map((step) => (step.kind === 'text' ? step.text : '')).join('');
  return { text, steps: steps.filter((step) => step.kind !== 'text') };
}

describe('CompletionStreamParser', () => {
  it('reads the text of the deltas and the end, from a stream cut at every possible place', () => {
    for (let cut = 0; cut <= STREAM.length; cut++) {
      const { text, steps } = parseAll([STREAM.slice(0, cut), STREAM.slice(cut)]);
      expect([cut, text, steps]).toEqual([
        cut,
        'Log file sync waits — on commit 😀.',
        [{ kind: 'done' }],
      ]);
    }
  });

  it('reads a stream that arrives one character at a time, with CRLF line ends', () => {
    const crlf = STREAM.replace(/\n/g, '\r\n');
    expect(parseAll(Array.from(crlf))).toEqual({
      text: 'Log file sync waits — on commit 😀.',
      steps: [{ kind: 'done' }],
    });
  });

  it('skips comments, unknown fields and events without content', () => {
    const stream = [
      ': keep-alive\n\n',
      'retry: soon\nfoo: bar\n\n',
      'data:{"choices":[{"delta":{"content":"a"}}]}\n\n',
      chunk({ content: 42 }),
      chunk({ content: null }),
      chunk({ content: { html: '<b>' } }),
      'data: {"choices":"none"}\n\n',
      'data: {"choices":[]}\n\n',
      'data: {}\n\n',
      'event: other\ndata: {"choices":[{"delta":{"content":"b"}}]}\n\n',
      'data: [DONE]\n\n',
    ];
    expect(parseAll(stream)).toEqual({ text: 'ab', steps: [{ kind: 'done' }] });
  });

  it('reads nothing after [DONE]', () => {
    const parser = new CompletionStreamParser();
    expect(parser.push('data: [DONE]\n\n' + chunk({ content: 'late' }))).toEqual([
      { kind: 'done' },
    ]);
    expect(parser.push(chunk({ content: 'later' }))).toEqual([]);
  });

  it.each([
    ['assistant_unavailable', { kind: 'unavailable' }],
    ['assistant_timeout', { kind: 'timeout' }],
    ['something_new', { kind: 'unavailable' }],
  ])('ends at an error event %s, keeping the text before it', (code, failure) => {
    const error = `data: ${JSON.stringify({ error: { code, message: 'The model server failed' } })}\n\n`;
    const { text, steps } = parseAll([
      chunk({ content: 'Partial' }),
      error,
      chunk({ content: 'x' }),
    ]);
    expect(text).toBe('Partial');
    expect(steps).toEqual([{ kind: 'failed', failure }]);
  });

  it.each([
    ['data that is not JSON', 'data: <html>Bad gateway</html>\n\n'],
    ['JSON that is not an object', 'data: [1, 2]\n\n'],
    ['JSON null', 'data: null\n\n'],
    ['an event larger than any chunk', `data: "${'x'.repeat(1024 * 1024 + 1)}`],
  ])('ends as unreadable at %s', (_case, stream) => {
    const { text, steps } = parseAll([
      chunk({ content: 'Before' }),
      stream,
      chunk({ content: 'x' }),
    ]);
    expect(text).toBe('Before');
    expect(steps).toEqual([{ kind: 'failed', failure: { kind: 'unreadable' } }]);
  });

  it('reports nothing for a stream that simply stops: the end of the response tells', () => {
    expect(parseAll([chunk({ content: 'Half an ans' })])).toEqual({
      text: 'Half an ans',
      steps: [],
    });
  });
});
