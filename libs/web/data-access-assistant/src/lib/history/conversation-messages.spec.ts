import {
  CHAT_MAX_BODY_BYTES,
  CHAT_MAX_CONTENT_CODE_POINTS,
} from '@oracle-ai/shared/util-api-contract';
import { conversationMessages, questionTooLong } from './conversation-messages';

describe('conversationMessages', () => {
  it('sends the history in order, then the question', () => {
    const { messages, omittedExchanges } = conversationMessages(
      [
        { question: 'What is log file sync?', answer: 'A wait on commit.' },
        { question: 'And db file sequential read?', answer: 'Single-block reads.' },
      ],
      'How do I fix it?',
    );
    expect(messages).toEqual([
      { role: 'user', content: 'What is log file sync?' },
      { role: 'assistant', content: 'A wait on commit.' },
      { role: 'user', content: 'And db file sequential read?' },
      { role: 'assistant', content: 'Single-block reads.' },
      { role: 'user', content: 'How do I fix it?' },
    ]);
    expect(omittedExchanges).toBe(0);
  });

  it('keeps a question whose answer never came, without an empty answer', () => {
    const { messages } = conversationMessages([{ question: 'First?', answer: '' }], 'Second?');
    expect(messages).toEqual([
      { role: 'user', content: 'First?' },
      { role: 'user', content: 'Second?' },
    ]);
  });

  it('leaves out the oldest whole exchanges beyond 50 messages', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({ question: `q${i}`, answer: `a${i}` }));
    const { messages, omittedExchanges } = conversationMessages(history, 'last');
    expect(messages).toHaveLength(49);
    expect(omittedExchanges).toBe(6);
    expect(messages[0]).toEqual({ role: 'user', content: 'q6' });
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'last' });
  });

  it('leaves out the oldest exchanges beyond the body size the API accepts', () => {
    // 4-byte characters, and quotes that JSON doubles: the limit is on bytes sent.
    const long = '😀'.repeat(8_000) + '"'.repeat(8_000);
    const history = Array.from({ length: 8 }, (_, i) => ({ question: `q${i}`, answer: long }));
    const { messages, omittedExchanges } = conversationMessages(history, 'last');
    const body = JSON.stringify({ messages, stream: true });
    expect(new TextEncoder().encode(body).length).toBeLessThanOrEqual(CHAT_MAX_BODY_BYTES);
    expect(omittedExchanges).toBe(3);
    expect(messages.at(-1)).toEqual({ role: 'user', content: 'last' });
    expect(messages.at(-2)).toEqual({ role: 'assistant', content: long });
  });

  it('cuts an earlier answer longer than a message may be, keeping its start', () => {
    const answer = '😀'.repeat(CHAT_MAX_CONTENT_CODE_POINTS + 10);
    const { messages } = conversationMessages([{ question: 'q', answer }], 'next');
    const sent = Array.from(messages[1].content);
    expect(sent).toHaveLength(CHAT_MAX_CONTENT_CODE_POINTS);
    expect(sent.slice(0, 3).join('')).toBe('😀😀😀');
    expect(messages[1].content.endsWith(' …')).toBe(true);
  });

  it('sends nothing but the question without history', () => {
    expect(conversationMessages([], 'Only?')).toEqual({
      messages: [{ role: 'user', content: 'Only?' }],
      omittedExchanges: 0,
    });
  });
});

describe('questionTooLong', () => {
  it('counts Unicode code points, as the API does', () => {
    expect(questionTooLong('😀'.repeat(CHAT_MAX_CONTENT_CODE_POINTS))).toBe(false);
    expect(questionTooLong('😀'.repeat(CHAT_MAX_CONTENT_CODE_POINTS + 1))).toBe(true);
    expect(questionTooLong('')).toBe(false);
    expect(questionTooLong('x'.repeat(CHAT_MAX_CONTENT_CODE_POINTS + 1))).toBe(true);
    expect(questionTooLong('x'.repeat(10 * CHAT_MAX_CONTENT_CODE_POINTS))).toBe(true);
    expect(questionTooLong('😀'.repeat(CHAT_MAX_CONTENT_CODE_POINTS - 1) + 'xx')).toBe(true);
  });
});
