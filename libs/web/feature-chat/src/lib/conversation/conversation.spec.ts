import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import {
  AssistantClient,
  AssistantError,
  type AssistantFailure,
} from '@oracle-ai/web/data-access-assistant';
import { AuthSession } from '@oracle-ai/web/data-access-auth';
import { FakeAssistant } from '../../testing/fake-assistant';
import { ANSWER_REFRESH_MS, Conversation } from './conversation';

describe('Conversation', () => {
  let assistant: FakeAssistant;
  let conversation: Conversation;
  const signedIn = signal(true);

  beforeEach(() => {
    jest.useFakeTimers();
    signedIn.set(true);
    assistant = new FakeAssistant();
    TestBed.configureTestingModule({
      providers: [
        { provide: AssistantClient, useValue: assistant.client },
        { provide: AuthSession, useValue: { isAuthenticated: signedIn } },
      ],
    });
    conversation = TestBed.inject(Conversation);
    TestBed.tick();
  });

  afterEach(() => jest.useRealTimers());

  const last = () => {
    const turn = conversation.turns().at(-1);
    if (!turn) throw new Error('no turn yet');
    return turn;
  };

  it('writes the answer as it streams, at most every 50 ms, and completes it', () => {
    expect(conversation.ask('  What is log file sync?  ')).toBe(true);
    expect(assistant.asked).toEqual([[{ role: 'user', content: 'What is log file sync?' }]]);
    expect(last().question).toBe('What is log file sync?');
    expect(conversation.answering()).toBe(true);
    expect(conversation.announcement()).toBe('The assistant is answering.');

    assistant.answer.next('Log file ');
    assistant.answer.next('sync ');
    expect(last().answer()).toBe('');
    jest.advanceTimersByTime(ANSWER_REFRESH_MS);
    expect(last().answer()).toBe('Log file sync ');
    assistant.answer.next('waits.');
    assistant.answer.complete();
    expect(last().answer()).toBe('Log file sync waits.');
    expect(last().status()).toBe('answered');
    expect(conversation.answering()).toBe(false);
    expect(conversation.announcement()).toBe('Answer complete.');
  });

  it('asks nothing for a blank question, or while an answer is being written', () => {
    expect(conversation.ask('  \n ')).toBe(false);
    conversation.ask('First');
    expect(conversation.ask('Second')).toBe(false);
    expect(conversation.turns()).toHaveLength(1);
    expect(assistant.asked).toHaveLength(1);
  });

  it('sends the conversation so far with a follow-up', () => {
    conversation.ask('What is log file sync?');
    assistant.answer.next('A commit wait.');
    assistant.answer.complete();
    conversation.ask('How do I reduce it?');
    expect(assistant.asked[1]).toEqual([
      { role: 'user', content: 'What is log file sync?' },
      { role: 'assistant', content: 'A commit wait.' },
      { role: 'user', content: 'How do I reduce it?' },
    ]);
  });

  it('stops an answer: the request is aborted and what arrived stays', () => {
    conversation.ask('Explain AWR');
    assistant.answer.next('AWR is');
    conversation.stop();
    expect(assistant.aborted).toBe(1);
    expect(last().status()).toBe('stopped');
    expect(last().answer()).toBe('AWR is');
    expect(conversation.answering()).toBe(false);
    expect(conversation.announcement()).toBe('Answer stopped.');
    jest.advanceTimersByTime(ANSWER_REFRESH_MS);
    expect(last().answer()).toBe('AWR is');
  });

  it('keeps a failure with what arrived before it, and says it', () => {
    conversation.ask('Explain AWR');
    assistant.answer.next('AWR is');
    assistant.answer.error(new AssistantError({ kind: 'cut' }));
    expect(last().status()).toBe('failed');
    expect(last().failure()).toEqual({ kind: 'cut' });
    expect(last().answer()).toBe('AWR is');
    expect(conversation.announcement()).toMatch(/^The answer was cut off/);
  });

  it('retries the last question afresh, with the history before it only', () => {
    conversation.ask('First');
    assistant.answer.next('One.');
    assistant.answer.complete();
    conversation.ask('Second');
    assistant.answer.next('Half');
    conversation.stop();
    conversation.retry();
    expect(assistant.asked[2]).toEqual([
      { role: 'user', content: 'First' },
      { role: 'assistant', content: 'One.' },
      { role: 'user', content: 'Second' },
    ]);
    expect(last().status()).toBe('answering');
    expect(last().answer()).toBe('');
    expect(conversation.turns()).toHaveLength(2);
  });

  it.each<AssistantFailure>([
    { kind: 'refused', message: 'too long' },
    { kind: 'denied' },
    { kind: 'signed_out' },
  ])('does not retry what asking again cannot mend: %j', (failure) => {
    conversation.ask('Q');
    assistant.answer.error(new AssistantError(failure));
    expect(last().retryable()).toBe(false);
    conversation.retry();
    expect(assistant.asked).toHaveLength(1);
  });

  it('waits as long as the API asked before a retry after 429', () => {
    conversation.ask('Q');
    assistant.answer.error(new AssistantError({ kind: 'rate_limited', retryAfterS: 5 }));
    expect(last().waitingToRetry()).toBe(true);
    conversation.retry();
    expect(assistant.asked).toHaveLength(1);
    jest.advanceTimersByTime(5_000);
    expect(last().waitingToRetry()).toBe(false);
    conversation.retry();
    expect(assistant.asked).toHaveLength(2);
  });

  it('starts over, stopping the answer being written and forgetting every turn', () => {
    conversation.ask('Q');
    conversation.startOver();
    expect(assistant.aborted).toBe(1);
    expect(conversation.turns()).toEqual([]);
    expect(conversation.announcement()).toBe('New conversation started.');
    expect(conversation.ask('Again')).toBe(true);
    expect(assistant.asked[1]).toEqual([{ role: 'user', content: 'Again' }]);
  });

  it('forgets the conversation when the session ends, here or in another tab', () => {
    conversation.ask('Q');
    assistant.answer.next('Part');
    signedIn.set(false);
    TestBed.tick();
    expect(assistant.aborted).toBe(1);
    expect(conversation.turns()).toEqual([]);
    expect(conversation.announcement()).toBe('');
  });

  it('reads an unexpected error as a failure', () => {
    conversation.ask('Q');
    assistant.answer.error(new TypeError('boom'));
    expect(last().failure()).toEqual({ kind: 'failed' });
  });
});
