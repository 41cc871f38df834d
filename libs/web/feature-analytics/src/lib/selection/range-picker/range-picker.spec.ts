import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import type { RangeChoice } from '../analytics-selection';
import { toLocalInputValue } from '../span-fields/local-time';
import { RangePicker } from './range-picker';

const T = Date.UTC(2026, 11, 6, 10, 0) / 1000;

@Component({
  imports: [RangePicker],
  template: `<app-range-picker
    [range]="range"
    [span]="span"
    (rangeChange)="chosen.push($event)"
  />`,
})
class Host {
  range: RangeChoice = { kind: 'relative', key: '1h' };
  span: TimeSpan = { from: T - 3600, to: T };
  chosen: RangeChoice[] = [];
}

describe('RangePicker', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const pick = async (label: string) => {
      element.querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
      await fixture.whenStable();
      const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find(
        (o) => o.textContent?.trim() === label,
      );
      option?.click();
      await fixture.whenStable();
    };
    return { fixture, element, pick };
  }

  it('offers the usual ranges and a custom one, and tells the choice at once', async () => {
    const { fixture, element, pick } = await render();
    expect(element.querySelector('mat-label')?.textContent).toBe('Time range');
    element.querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
    await fixture.whenStable();
    expect(
      Array.from(document.querySelectorAll('mat-option'), (o) => o.textContent?.trim()),
    ).toEqual(['Last hour', 'Last 6 hours', 'Last 24 hours', 'Last 7 days', 'Custom range…']);
    document.querySelector<HTMLElement>('mat-option:nth-of-type(3)')?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.chosen).toEqual([{ kind: 'relative', key: '24h' }]);
    await pick('Last 7 days');
    expect(fixture.componentInstance.chosen.at(-1)).toEqual({ kind: 'relative', key: '7d' });
  });

  it('a custom range starts from what is shown and is applied with its button', async () => {
    const { fixture, element, pick } = await render();
    await pick('Custom range…');
    expect(fixture.componentInstance.chosen).toEqual([]);
    const [from, to] = Array.from(element.querySelectorAll<HTMLInputElement>('input'));
    expect([from.value, to.value]).toEqual([toLocalInputValue(T - 3600), toLocalInputValue(T)]);
    const apply = element.querySelector<HTMLButtonElement>('button[type="submit"]');
    expect(apply?.textContent?.trim()).toBe('Show this range');
    from.value = toLocalInputValue(T - 7200);
    from.dispatchEvent(new Event('change'));
    await fixture.whenStable();
    apply?.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.chosen).toEqual([{ kind: 'custom', from: T - 7200, to: T }]);
  });
});
