import { HttpErrorResponse } from '@angular/common/http';
import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { PanelCard } from './panel-card';

@Component({
  imports: [PanelCard],
  template: `<app-panel-card
    heading="Top SQL"
    [loading]="loading()"
    [error]="error()"
    (retry)="retries = retries + 1"
  >
    <p class="content">figures</p>
  </app-panel-card>`,
})
class Host {
  readonly loading = signal(false);
  readonly error = signal<unknown>(undefined);
  retries = 0;
}

describe('PanelCard', () => {
  it('a region named by its heading; its content, a progress bar while loading, the problem in its place', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const card = element.querySelector('app-panel-card');
    expect(card?.getAttribute('role')).toBe('region');
    expect(element.querySelector(`#${card?.getAttribute('aria-labelledby')}`)?.textContent).toBe(
      'Top SQL',
    );
    expect(element.querySelector('.content')).not.toBeNull();

    fixture.componentInstance.loading.set(true);
    await fixture.whenStable();
    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe(
      'Loading Top SQL',
    );
    expect(element.querySelector('.content')).not.toBeNull();

    fixture.componentInstance.loading.set(false);
    fixture.componentInstance.error.set(
      new HttpErrorResponse({
        status: 404,
        error: { statusCode: 404, error: 'Not Found', code: 'not_found', message: 'x' },
      }),
    );
    await fixture.whenStable();
    expect(element.querySelector('.content')).toBeNull();
    expect(element.querySelector('[role="alert"] .problem-title')?.textContent).toBe(
      'Database not found',
    );
    element.querySelector<HTMLButtonElement>('[role="alert"] button')?.click();
    expect(fixture.componentInstance.retries).toBe(1);
  });
});
