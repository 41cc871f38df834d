import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { toLocalInputValue } from './local-time';
import { SpanFields } from './span-fields';

const T = Date.UTC(2026, 11, 6, 10, 0) / 1000;

@Component({
  imports: [SpanFields],
  template: `<app-span-fields legend="Range to explain" [(span)]="span" />`,
})
class Host {
  span: TimeSpan | null = { from: T, to: T + 900 };
}

describe('SpanFields', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const [from, to] = Array.from(element.querySelectorAll('input'));
    const type = async (input: HTMLInputElement, value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    return { fixture, element, from, to, type };
  }

  it('is a group named by its legend, with labelled "From" and "To" fields showing the span', async () => {
    const { element, from, to } = await render();
    expect(element.querySelector('legend')?.textContent?.trim()).toBe('Range to explain');
    expect(Array.from(element.querySelectorAll('mat-label'), (l) => l.textContent)).toEqual([
      'From',
      'To',
    ]);
    expect([from.type, from.value, to.value]).toEqual([
      'datetime-local',
      toLocalInputValue(T),
      toLocalInputValue(T + 900),
    ]);
  });

  it('sets the span once both fields hold a valid one, and says what is wrong until then', async () => {
    const { fixture, element, from, to, type } = await render();
    await type(from, toLocalInputValue(T + 1800));
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'Cannot use this span: the start must be before the end.',
    );
    expect(fixture.componentInstance.span).toEqual({ from: T, to: T + 900 });
    await type(to, toLocalInputValue(T + 3600));
    expect(element.querySelector('[role="alert"]')).toBeNull();
    expect(fixture.componentInstance.span).toEqual({ from: T + 1800, to: T + 3600 });
    await type(to, toLocalInputValue(T + 30 * 86400));
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'Cannot use this span: at most 7 days can be shown.',
    );
  });

  it('shows a span set from elsewhere (a drag on the chart)', async () => {
    const { fixture, from } = await render();
    fixture.componentInstance.span = { from: T + 60, to: T + 120 };
    fixture.changeDetectorRef.markForCheck();
    await fixture.whenStable();
    expect(from.value).toBe(toLocalInputValue(T + 60));
  });
});
