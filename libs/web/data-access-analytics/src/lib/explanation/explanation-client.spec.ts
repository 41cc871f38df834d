import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { NAVIGATE_ON_API_ERROR, RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { ExplanationClient } from './explanation-client';

const API = 'https://api.example.com';

describe('ExplanationClient', () => {
  function setUp() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: API } },
      ],
    });
    return {
      client: TestBed.inject(ExplanationClient),
      backend: TestBed.inject(HttpTestingController),
    };
  }

  it('asks for the evidence of a window, the database one encoded path segment', () => {
    const { client, backend } = setUp();
    let text = '';
    client
      .evidence('we ird/db', { from: 100, to: 1000 })
      .subscribe((evidence) => (text = evidence.text));
    const request = backend.expectOne(
      (r) => r.url === `${API}/api/analytics/databases/we%20ird%2Fdb/evidence`,
    );
    expect([request.request.params.get('from'), request.request.params.get('to')]).toEqual([
      '100',
      '1000',
    ]);
    request.flush({ text: '## Evidence' });
    expect(text).toBe('## Evidence');
  });

  it('streams the explanation of the window: the window is all it sends', () => {
    const { client, backend } = setUp();
    const pieces: string[] = [];
    client.explain('finprod', { from: 100, to: 1000 }).subscribe((piece) => pieces.push(piece));
    const request = backend.expectOne(`${API}/api/analytics/databases/finprod/explanations`);
    expect([request.request.method, request.request.body]).toEqual([
      'POST',
      { from: 100, to: 1000 },
    ]);
    expect(request.request.context.get(NAVIGATE_ON_API_ERROR)).toBe(false);
    request.flush(
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'Row locks.' } }] })}\n\ndata: [DONE]\n\n`,
      { headers: { 'Content-Type': 'text/event-stream' } },
    );
    expect(pieces).toEqual(['Row locks.']);
  });
});
