import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  provideHttpClientTesting,
  type TestRequest,
} from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import type { AnalyticsPanel } from '@oracle-ai/shared/util-api-contract';
import { AccessStore, RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import { panelOf } from '../testing/panels';
import { AnalyticsPage } from './analytics-page';

/** jsdom has no canvas: Chart.js is replaced by a recorder. */
jest.mock('chart.js', () => ({
  Chart: class {
    static register() {
      // nothing to register in a recorder
    }
    readonly scales = {};
    update() {
      // nothing drawn
    }
    draw() {
      // nothing drawn
    }
    destroy() {
      // nothing to release
    }
  },
  LineController: {},
  LineElement: {},
  PointElement: {},
  LinearScale: {},
  Filler: {},
  Tooltip: {},
}));

const API = 'http://localhost:3000';
const DATABASES = {
  source: 'prometheus',
  simulated: true,
  databases: [
    { name: 'dwh', up: false },
    { name: 'finprod', up: true },
  ],
};
const PANELS: Record<AnalyticsPanel, ReturnType<typeof panelOf>> = {
  'aas-by-wait-class': panelOf('aas-by-wait-class', 'sessions', {
    application: [0.1, 4, 0.2],
    user_io: [1, 1.5, 1],
  }),
  'db-time': panelOf('db-time', 's/s', {
    db_time: [3, 9, 3],
    db_cpu: [2, 3, 2],
    cpu_count: [8, 8, 8],
  }),
  activity: panelOf('activity', '1/s', { execute_count: [2400, 2600] }),
  sessions: panelOf('sessions', 'sessions', { 'ACTIVE USER': [10, 30] }),
  tablespaces: panelOf('tablespaces', 'percent', { TEMP: [85, 78], SYSTEM: [4.4, 4.4] }),
  'top-sql': panelOf('top-sql', 's/s', { '3pk3nx8ttj6jw': [2, 3, 1] }),
};

describe('AnalyticsPage', () => {
  let backend: HttpTestingController;

  async function open(url: string, chat = true) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'analytics', component: AnalyticsPage }],
          withComponentInputBinding(),
        ),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: API } },
        { provide: AccessStore, useValue: { me: signal({ access: { chat, analytics: true } }) } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url);
    return { harness, element: harness.routeNativeElement as HTMLElement };
  }

  /** Answers every panel request pending, each with its panel's figures (or `answer`). */
  function answerPanels(
    answer: (panel: AnalyticsPanel, request: TestRequest) => void = (panel, request) =>
      request.flush(PANELS[panel]),
  ) {
    const requests = backend.match((request) => request.url.includes('/panels/'));
    for (const request of requests) {
      answer(request.request.url.split('/').at(-1) as AnalyticsPanel, request);
    }
    return requests;
  }

  const text = (element: HTMLElement, selector: string) =>
    element.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();
  /** The texts of an element's children, one by one. */
  const parts = (element: Element | null | undefined) =>
    Array.from(element?.children ?? [], (child) => child.textContent?.replace(/\s+/g, ' ').trim());

  /**
   * Runs change detection and lets promises (the router's) settle until `condition` holds.
   * `whenStable()` cannot be used while the page has requests in flight: it waits for them.
   */
  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 2000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      TestBed.tick();
      await new Promise((resolve) => setTimeout(resolve));
    }
  }

  /** Answers the list of databases, then waits until the page asks for its panels. */
  async function listDatabases(harness: RouterTestingHarness, answer: object = DATABASES) {
    TestBed.tick();
    backend.expectOne(`${API}/api/analytics`).flush(answer);
    TestBed.tick();
    await until(
      () => (harness.routeNativeElement?.querySelectorAll('app-panel-card').length ?? 0) > 0,
      'the panels',
    );
  }

  it('shows the first database reporting, writes it into the URL, and draws its panels', async () => {
    const { harness, element } = await open('/analytics?range=6h');
    await listDatabases(harness);
    await until(() => TestBed.inject(Router).url.includes('db='), 'the database in the URL');
    expect(TestBed.inject(Router).url).toBe('/analytics?db=finprod&range=6h');

    const requests = answerPanels();
    expect(
      requests.map((r) => r.request.url.replace(`${API}/api/analytics/databases/`, '')),
    ).toEqual([
      'finprod/panels/aas-by-wait-class',
      'finprod/panels/db-time',
      'finprod/panels/activity',
      'finprod/panels/sessions',
      'finprod/panels/tablespaces',
      'finprod/panels/top-sql',
    ]);
    const [from, to] = ['from', 'to'].map((p) => Number(requests[0].request.params.get(p)));
    expect(to - from).toBe(6 * 3600);
    expect(to % 60).toBe(0);
    await harness.fixture.whenStable();

    expect(text(element, '.simulated')).toContain('Simulated figures.');
    expect(
      Array.from(element.querySelectorAll('app-panel-card h2'), (h) => h.textContent?.trim()),
    ).toEqual([
      'Average active sessions by wait class',
      'DB time and CPU',
      'Activity',
      'Sessions',
      'Tablespaces',
      'Top SQL',
    ]);
    expect(text(element, 'app-time-series-chart .summary')).toMatch(
      /^Peak 8\.50 average active sessions at .+, above the 8\.00 CPUs\. Largest wait class: Application/,
    );
    expect(text(element, 'app-tablespaces-table .summary')).toBe(
      'Fullest at the end of the range: TEMP, 78.0 % used (at most 85.0 % in the range).',
    );
    backend.verify();
  });

  it('asks again for the database and range the URL names', async () => {
    const { harness } = await open('/analytics?db=finprod');
    await listDatabases(harness);
    answerPanels();
    await harness.fixture.whenStable();
    await TestBed.inject(Router).navigateByUrl(
      '/analytics?db=dwh&from=2026-12-06T00:30:00Z&to=2026-12-06T04:00:00Z',
    );
    TestBed.tick();
    const requests = answerPanels();
    expect(requests).toHaveLength(6);
    expect(requests[0].request.url).toBe(
      `${API}/api/analytics/databases/dwh/panels/aas-by-wait-class`,
    );
    expect([requests[0].request.params.get('from'), requests[0].request.params.get('to')]).toEqual([
      String(Date.UTC(2026, 11, 6, 0, 30) / 1000),
      String(Date.UTC(2026, 11, 6, 4, 0) / 1000),
    ]);
  });

  it('says in plain words when the figures source is missing or down, and asks again on request', async () => {
    const { harness, element } = await open('/analytics');
    backend.expectOne(`${API}/api/analytics`).flush(
      {
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'analytics_unavailable',
        message: 'The figures source cannot be reached or is failing; retry later',
      },
      { status: 503, statusText: 'Service Unavailable', headers: { 'Retry-After': '10' } },
    );
    await harness.fixture.whenStable();
    expect(parts(element.querySelector('[role="alert"]'))).toEqual([
      'The figures are unavailable',
      'The figures source cannot be reached or is failing; retry later (the API suggests waiting 10 s).',
      'Try again',
    ]);
    element.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    await listDatabases(harness);
    expect(element.querySelector('[role="alert"]')).toBeNull();
    answerPanels();
  });

  it('a database the caller may not see (any more) is named, and nothing is asked for it', async () => {
    const { harness, element } = await open('/analytics?db=gone');
    backend.expectOne(`${API}/api/analytics`).flush(DATABASES);
    await harness.fixture.whenStable();
    expect(text(element, '.state[role="alert"] h2')).toBe('Database not found');
    expect(text(element, '.state[role="alert"] p')).toContain(
      '“gone” is not among the databases you may see',
    );
    backend.expectNone((request) => request.url.includes('/panels/'));
  });

  it('says so when there is no database to show', async () => {
    const { harness, element } = await open('/analytics');
    backend.expectOne(`${API}/api/analytics`).flush({ ...DATABASES, databases: [] });
    await harness.fixture.whenStable();
    expect(text(element, '.state h2')).toBe('No database to show');
  });

  it('a panel that fails says so on its own card; the others are drawn', async () => {
    const { harness, element } = await open('/analytics?db=finprod');
    await listDatabases(harness);
    answerPanels((panel, request) =>
      panel === 'top-sql'
        ? request.flush(
            {
              statusCode: 504,
              error: 'Gateway Timeout',
              code: 'analytics_timeout',
              message: 'The figures source did not answer within 5 s',
            },
            { status: 504, statusText: 'Gateway Timeout' },
          )
        : request.flush(PANELS[panel]),
    );
    await harness.fixture.whenStable();
    const alerts = Array.from(element.querySelectorAll('[role="alert"]'), parts);
    expect(alerts).toEqual([
      [
        'The figures took too long',
        'The figures source did not answer within 5 s. Try a shorter range, or again later.',
        'Try again',
      ],
    ]);
    expect(element.querySelectorAll('app-time-series-chart')).toHaveLength(4);
  });

  it.each([
    [true, 'selectable'],
    [false, 'not selectable'],
  ])('for a user with chat access %s, the AAS chart is %s', async (chat, expected) => {
    const { harness, element } = await open('/analytics?db=finprod', chat);
    await listDatabases(harness);
    answerPanels();
    await harness.fixture.whenStable();
    const plot = element.querySelector('app-time-series-chart .plot');
    expect(plot?.classList.contains('selectable') ? 'selectable' : 'not selectable').toBe(expected);
  });
});
