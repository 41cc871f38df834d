import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { AnalyticsPage } from './analytics-page';

describe('AnalyticsPage', () => {
  it('renders the metrics from /api/analytics as a table', async () => {
    TestBed.configureTestingModule({
      imports: [AnalyticsPage],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: 'http://localhost:3000' } },
      ],
    });
    const fixture = TestBed.createComponent(AnalyticsPage);
    // whenStable() would wait for the pending request itself.
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne('http://localhost:3000/api/analytics')
      .flush({
        user: 'bob',
        generatedAt: '2026-11-24T06:00:00Z',
        metrics: [{ name: 'Buffer cache hit ratio', value: 98.5, unit: '%' }],
      });
    await fixture.whenStable();
    const element: HTMLElement = fixture.nativeElement;
    expect(element.querySelector('h1')?.textContent).toBe('Analytics');
    expect(element.querySelector('tbody th')?.textContent).toBe('Buffer cache hit ratio');
    expect(element.querySelector('tbody td')?.textContent).toBe('98.5');
  });
});
