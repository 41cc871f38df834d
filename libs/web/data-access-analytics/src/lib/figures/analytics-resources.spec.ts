import { Component } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { RUNTIME_CONFIG } from '@oracle-ai/web/data-access-auth';
import {
  analyticsDatabasesResource,
  analyticsPanelResource,
  type PanelQuery,
} from './analytics-resources';

@Component({ template: '' })
class Reader {
  readonly query = signal<PanelQuery | undefined>(undefined);
  readonly databases = analyticsDatabasesResource();
  readonly panel = analyticsPanelResource(() => this.query());
}

describe('the analytics resources', () => {
  function render() {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: RUNTIME_CONFIG, useValue: { apiBaseUrl: 'https://api.example.com' } },
      ],
    });
    const fixture = TestBed.createComponent(Reader);
    TestBed.tick();
    return { reader: fixture.componentInstance, backend: TestBed.inject(HttpTestingController) };
  }

  it('asks for the databases once, and for a panel only once there is a query', () => {
    const { reader, backend } = render();
    backend.expectOne('https://api.example.com/api/analytics').flush({
      source: 'prometheus',
      simulated: true,
      databases: [{ name: 'finprod', up: true }],
    });
    backend.expectNone((request) => request.url.includes('/panels/'));

    reader.query.set({ database: 'we ird/db', panel: 'db-time', from: 1000, to: 4600 });
    TestBed.tick();
    const request = backend.expectOne(
      (r) =>
        r.url === 'https://api.example.com/api/analytics/databases/we%20ird%2Fdb/panels/db-time',
    );
    expect([request.request.params.get('from'), request.request.params.get('to')]).toEqual([
      '1000',
      '4600',
    ]);
    backend.verify();
  });
});
