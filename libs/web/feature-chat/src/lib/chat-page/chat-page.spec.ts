import { Clipboard } from '@angular/cdk/clipboard';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ChatResource } from '@oracle-ai/shared/util-api-contract';
import { AssistantClient, AssistantError } from '@oracle-ai/web/data-access-assistant';
import { AuthSession, RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { FakeAssistant } from '../../testing/fake-assistant';
import { ANSWER_REFRESH_MS } from '../conversation/conversation';
import { ChatPage } from './chat-page';

const HOME: ChatResource = {
  user: 'alice',
  greeting: 'Hello Alice',
  suggestions: ['Why is my query slow?', 'What does log file sync mean?'],
  assistantConfigured: true,
};

describe('ChatPage', () => {
  let fixture: ComponentFixture<ChatPage>;
  let page: HTMLElement;
  let assistant: FakeAssistant;
  const clipboard = { copy: jest.fn<boolean, [string]>() };

  beforeEach(async () => {
    assistant = new FakeAssistant();
    clipboard.copy.mockReset().mockReturnValue(true);
    // jsdom lays nothing out.
    Element.prototype.scrollIntoView = jest.fn();
    TestBed.configureTestingModule({
      imports: [ChatPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: 'http://localhost:3000' } },
        { provide: AssistantClient, useValue: assistant.client },
        { provide: Clipboard, useValue: clipboard },
        { provide: AuthSession, useValue: { isAuthenticated: signal(true) } },
      ],
    });
    fixture = TestBed.createComponent(ChatPage);
    page = fixture.nativeElement;
    document.body.appendChild(page);
    // whenStable() would wait for the pending request itself.
    TestBed.tick();
  });

  afterEach(() => page.remove());

  async function loadHome(home: ChatResource = HOME): Promise<void> {
    TestBed.inject(HttpTestingController).expectOne('http://localhost:3000/api/chat').flush(home);
    await fixture.whenStable();
  }

  const box = () => page.querySelector('textarea') as HTMLTextAreaElement;
  const log = () => page.querySelector('[role="log"]') as HTMLElement;
  const button = (name: string) =>
    Array.from(page.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);

  async function type(text: string): Promise<void> {
    box().value = text;
    box().dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  async function press(key: string, init: KeyboardEventInit = {}): Promise<KeyboardEvent> {
    const event = new KeyboardEvent('keydown', { key, cancelable: true, ...init });
    box().dispatchEvent(event);
    await fixture.whenStable();
    return event;
  }

  async function answer(...pieces: string[]): Promise<void> {
    for (const piece of pieces) assistant.answer.next(piece);
    await new Promise((resolve) => setTimeout(resolve, ANSWER_REFRESH_MS + 10));
    await fixture.whenStable();
  }

  it('shows the greeting, the memory-only note and the suggested questions', async () => {
    expect(page.textContent).toContain('Loading');
    await loadHome();
    expect(page.querySelector('h1')?.textContent).toBe('Chat');
    expect(page.textContent).toContain('Hello Alice');
    expect(page.textContent).toContain('reloading the page or signing out forgets it');
    expect(button('Why is my query slow?')).toBeDefined();
    expect(page.querySelector('label')?.textContent).toContain('Your question');
  });

  it('says when no assistant is configured, and lets nothing be asked', async () => {
    await loadHome({ ...HOME, assistantConfigured: false });
    expect(page.textContent).toContain('The assistant is not set up on this server yet');
    expect(box().disabled).toBe(true);
    expect(button('Why is my query slow?')?.disabled).toBe(true);
    expect(button('Send')?.disabled).toBe(true);
  });

  it('asks a suggested question when it is clicked, and puts focus in the box', async () => {
    await loadHome();
    button('What does log file sync mean?')?.click();
    await fixture.whenStable();
    expect(assistant.asked).toEqual([[{ role: 'user', content: 'What does log file sync mean?' }]]);
    expect(document.activeElement).toBe(box());
    expect(button('Why is my query slow?')).toBeUndefined();
  });

  it('sends on Enter, starts a new line on Shift+Enter, and not while composing', async () => {
    await loadHome();
    await type('line one');
    expect((await press('Enter', { shiftKey: true })).defaultPrevented).toBe(false);
    expect((await press('Enter', { isComposing: true })).defaultPrevented).toBe(false);
    expect(assistant.asked).toHaveLength(0);
    await type('line one\nline two');
    expect((await press('Enter')).defaultPrevented).toBe(true);
    expect(assistant.asked).toEqual([[{ role: 'user', content: 'line one\nline two' }]]);
    expect(box().value).toBe('');
  });

  it('disables Send for a blank question and explains an over-long one', async () => {
    await loadHome();
    expect(button('Send')?.disabled).toBe(true);
    await type('   ');
    expect(button('Send')?.disabled).toBe(true);
    await type('x'.repeat(16_001));
    expect(button('Send')?.disabled).toBe(true);
    expect(page.querySelector('[role="alert"]')?.textContent).toContain(
      'at most 16,000 characters',
    );
    await press('Enter');
    expect(assistant.asked).toHaveLength(0);
  });

  it('writes the answer as formatted text in a log that is busy while it streams', async () => {
    await loadHome();
    await type('What is log file sync?');
    button('Send')?.click();
    await fixture.whenStable();
    expect(log().getAttribute('aria-busy')).toBe('true');
    expect(Element.prototype.scrollIntoView).toHaveBeenCalledWith({ block: 'start' });
    expect(page.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe(
      'The assistant is answering',
    );
    await answer('A **commit** wait');
    expect(log().querySelector('app-markdown strong')?.textContent).toBe('commit');
    expect(log().textContent).toContain('What is log file sync?');
    assistant.answer.complete();
    await fixture.whenStable();
    expect(log().getAttribute('aria-busy')).toBe('false');
    expect(page.querySelector('[role="status"].visually-hidden')?.textContent).toBe(
      'Answer complete.',
    );
    expect(button('Copy')).toBeDefined();
    expect(button('Retry')).toBeUndefined();
  });

  it('offers Stop while an answer is written; it aborts and puts focus back in the box', async () => {
    await loadHome();
    await type('Explain AWR');
    await press('Enter');
    expect(button('Send')).toBeUndefined();
    await answer('AWR is');
    button('Stop')?.click();
    await fixture.whenStable();
    expect(assistant.aborted).toBe(1);
    expect(document.activeElement).toBe(box());
    expect(button('Send')).toBeDefined();
    expect(log().textContent).toContain('AWR is');
    expect(log().textContent).toContain('Stopped: the answer is incomplete.');
    expect(button('Retry')).toBeDefined();
  });

  it('explains a failure and retries the question', async () => {
    await loadHome();
    await type('Explain AWR');
    await press('Enter');
    assistant.answer.error(new AssistantError({ kind: 'unavailable', retryAfterS: 20 }));
    await fixture.whenStable();
    expect(log().textContent).toContain(
      'The assistant is unavailable right now. Wait 20 seconds, then retry.',
    );
    button('Retry')?.click();
    await fixture.whenStable();
    expect(assistant.asked).toHaveLength(2);
    expect(assistant.asked[1]).toEqual([{ role: 'user', content: 'Explain AWR' }]);
    expect(document.activeElement).toBe(box());
  });

  it('says when the oldest exchanges were left out of a question', async () => {
    await loadHome();
    const long = 'x'.repeat(15_000);
    for (let i = 0; i < 18; i++) {
      await type(`Question ${i} ${long}`);
      await press('Enter');
      await answer(long);
      assistant.answer.complete();
      await fixture.whenStable();
    }
    const sent = assistant.asked.at(-1) ?? [];
    expect(sent.at(-1)?.content).toContain('Question 17');
    expect(sent.length).toBeLessThan(36);
    expect(log().querySelectorAll('article').item(17).textContent).toMatch(
      /The \d+ oldest questions and answers of this conversation were not sent with this question/,
    );
  });

  it('copies an answer as its Markdown text and says so', async () => {
    await loadHome();
    await type('Q');
    await press('Enter');
    await answer('Use `DBMS_XPLAN`.');
    assistant.answer.complete();
    await fixture.whenStable();
    button('Copy')?.click();
    await fixture.whenStable();
    expect(clipboard.copy).toHaveBeenCalledWith('Use `DBMS_XPLAN`.');
    expect(log().textContent).toContain('Copied');
  });

  it('starts a new conversation: the turns go, the suggestions come back', async () => {
    await loadHome();
    await type('Q');
    await press('Enter');
    button('New conversation')?.click();
    await fixture.whenStable();
    expect(assistant.aborted).toBe(1);
    expect(log().children).toHaveLength(0);
    expect(button('Why is my query slow?')).toBeDefined();
    expect(button('New conversation')).toBeUndefined();
    expect(document.activeElement).toBe(box());
  });
});
