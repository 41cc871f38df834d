import { TestBed } from '@angular/core/testing';
import { SeriesTable } from './series-table';

const T = Date.UTC(2026, 11, 6, 10, 0) / 1000;

describe('SeriesTable', () => {
  it('one row per instant, one column per series, exact figures in <data value>', async () => {
    const fixture = TestBed.createComponent(SeriesTable);
    fixture.componentRef.setInput('caption', 'AAS by wait class (sessions)');
    fixture.componentRef.setInput('step', 15);
    fixture.componentRef.setInput('series', [
      {
        label: 'User I/O',
        color: '#000',
        kind: 'area',
        points: [
          [T, 1.23456],
          [T + 15, 2],
        ],
      },
      { label: 'CPU', color: '#111', kind: 'area', points: [[T + 15, 0.5]] },
    ]);
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('caption')?.textContent?.trim()).toBe(
      'AAS by wait class (sessions)',
    );
    expect(
      Array.from(element.querySelectorAll('thead th'), (th) => th.textContent?.trim()),
    ).toEqual(['Time', 'User I/O', 'CPU']);
    const rows = Array.from(element.querySelectorAll('tbody tr'), (tr) => ({
      time: tr.querySelector('time')?.getAttribute('datetime'),
      values: Array.from(
        tr.querySelectorAll('td'),
        (td) => td.querySelector('data')?.value ?? null,
      ),
      text: Array.from(tr.querySelectorAll('td'), (td) => td.textContent?.trim()),
    }));
    expect(rows).toEqual([
      {
        time: '2026-12-06T10:00:00.000Z',
        values: ['1.23456', null],
        text: ['1.23', '—no figure'],
      },
      { time: '2026-12-06T10:00:15.000Z', values: ['2', '0.5'], text: ['2.00', '0.50'] },
    ]);
    const region = element.querySelector('[role="region"]');
    expect([region?.getAttribute('tabindex'), region?.getAttribute('aria-label')]).toEqual([
      '0',
      'AAS by wait class (sessions)',
    ]);
  });
});
