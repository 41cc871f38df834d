import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { ChatPage } from './chat-page';

describe('ChatPage', () => {
  it('shows the greeting and suggestions from /api/chat', async () => {
    TestBed.configureTestingModule({
      imports: [ChatPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: 'http://localhost:3000' } },
      ],
    });
    const fixture = TestBed.createComponent(ChatPage);
    // whenStable() would wait for the pending request itself.
    TestBed.tick();
    expect(fixture.nativeElement.textContent).toContain('Loading');
    TestBed.inject(HttpTestingController)
      .expectOne('http://localhost:3000/api/chat')
      .flush({ user: 'alice', greeting: 'Hello Alice', suggestions: ['Why is my query slow?'] });
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toBe('Chat');
    expect(element.textContent).toContain('Hello Alice');
    expect(element.querySelector('li')?.textContent).toBe('Why is my query slow?');
  });
});
