import { TestBed } from '@angular/core/testing';
import { DatabasePicker } from './database-picker';

describe('DatabasePicker', () => {
  it('lists the databases with whether each reports, and tells the one chosen', async () => {
    const fixture = TestBed.createComponent(DatabasePicker);
    fixture.componentRef.setInput('databases', [
      { name: 'dwh', up: false },
      { name: 'finprod', up: true },
    ]);
    fixture.componentRef.setInput('database', 'finprod');
    const chosen: string[] = [];
    fixture.componentInstance.databaseChange.subscribe((name) => chosen.push(name));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('mat-label')?.textContent).toBe('Database');
    expect(
      element.querySelector('.mat-mdc-select-value')?.textContent?.replace(/\s+/g, ' ').trim(),
    ).toBe('finprod');
    element.querySelector<HTMLElement>('.mat-mdc-select-trigger')?.click();
    await fixture.whenStable();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((o) => o.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'dwh not reporting',
      'finprod up',
    ]);
    options[0].click();
    await fixture.whenStable();
    expect(chosen).toEqual(['dwh']);
  });
});
