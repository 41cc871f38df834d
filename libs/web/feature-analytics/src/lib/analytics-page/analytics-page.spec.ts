import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { AnalyticsPage } from './analytics-page';

describe('AnalyticsPage', () => {
  function render() {
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
    const request = TestBed.inject(HttpTestingController).expectOne(
      'http://localhost:3000/api/analytics',
    );
    return { fixture, request, element: fixture.nativeElement as HTMLElement };
  }

  it('lists the databases the caller may see, up or down', async () => {
    const { fixture, request, element } = render();
    request.flush({
      source: 'prometheus',
      databases: [
        { name: 'finprod', up: true },
        { name: 'paycdb', up: false },
      ],
    });
    await fixture.whenStable();
    expect(element.querySelector('h1')?.textContent).toBe('Analytics');
    const rows = Array.from(element.querySelectorAll('tbody tr'), (row) =>
      Array.from(row.children, (cell) => cell.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['finprod', 'up'],
      ['paycdb', 'down'],
    ]);
  });

  it('says so when no figures source is configured', async () => {
    const { fixture, request, element } = render();
    request.flush(
      {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'analytics_unavailable',
        message: 'No figures source is configured',
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'No figures source is configured',
    );
  });
});
