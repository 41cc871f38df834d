import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { AnalyticsEvidence } from '@oracle-ai/shared/util-api-contract';
import { AssistantError } from '@oracle-ai/web/data-access-assistant';
import { ExplanationClient, type Window } from '@oracle-ai/web/data-access-analytics';
import type { TimeSpan } from '@oracle-ai/web/ui-time-series-chart';
import { Subject } from 'rxjs';
import { ExplanationPanel } from './explanation-panel';

const T = Date.UTC(2026, 11, 6, 10, 20) / 1000;
const EVIDENCE: AnalyticsEvidence = {
  database: 'finprod',
  from: T,
  to: T + 900,
  step: 15,
  comparisonFrom: T - 7 * 86400,
  comparisonTo: T + 900 - 7 * 86400,
  simulated: true,
  text: '## Evidence for database "finprod"\n\n| wait class | average |\n| --- | --- |\n| Application | 3.91 |',
  question: 'Explain what happened on database "finprod" in this window.',
};

/** The API as the panel sees it: each call a subject the test answers. */
class ScriptedClient {
  readonly evidenceCalls: [string, Window][] = [];
  readonly explainCalls: [string, Window][] = [];
  evidenceAnswer = new Subject<AnalyticsEvidence>();
  explanation = new Subject<string>();
  evidence(database: string, window: Window) {
    this.evidenceCalls.push([database, window]);
    return this.evidenceAnswer;
  }
  explain(database: string, window: Window) {
    this.explainCalls.push([database, window]);
    return this.explanation;
  }
}

@Component({
  imports: [ExplanationPanel],
  template: `<app-explanation-panel [database]="database()" [(span)]="span" />`,
})
class Host {
  readonly database = signal('finprod');
  span: TimeSpan | null = null;
}

describe('ExplanationPanel', () => {
  let client: ScriptedClient;

  async function render(span: TimeSpan | null = { from: T, to: T + 900 }) {
    client = new ScriptedClient();
    TestBed.configureTestingModule({
      providers: [{ provide: ExplanationClient, useValue: client }],
    });
    const fixture = TestBed.createComponent(Host);
    fixture.componentInstance.span = span;
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const button = (name: string) =>
      Array.from(element.querySelectorAll('button')).find((b) => b.textContent?.trim() === name);
    return { fixture, element, button };
  }

  it('asks only once there is a span', async () => {
    const { button } = await render(null);
    expect(button('Ask the assistant')?.disabled).toBe(true);
  });

  it('shows the figures the assistant is given, then its explanation as it is written, rendered as Markdown', async () => {
    const { fixture, element, button } = await render();
    button('Ask the assistant')?.click();
    await fixture.whenStable();
    expect(client.evidenceCalls).toEqual([['finprod', { from: T, to: T + 900 }]]);
    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-label')).toBe(
      'Reading the figures',
    );
    expect(button('Stop')).toBeDefined();

    client.evidenceAnswer.next(EVIDENCE);
    client.evidenceAnswer.complete();
    await fixture.whenStable();
    expect(client.explainCalls).toEqual([['finprod', { from: T, to: T + 900 }]]);
    const evidence = element.querySelector('.evidence');
    expect(evidence?.querySelector('h3')?.textContent).toBe('Figures given to the assistant');
    expect(evidence?.querySelector('table td')?.textContent).toBe('Application');

    client.explanation.next('**Application** waits ');
    client.explanation.next('dominate.');
    await fixture.whenStable();
    const answer = element.querySelector('.answer-text');
    expect(answer?.getAttribute('aria-live')).toBe('polite');
    expect(answer?.querySelector('strong')?.textContent).toBe('Application');
    expect(answer?.textContent).toContain('waits dominate.');

    client.explanation.complete();
    await fixture.whenStable();
    expect(element.querySelector('mat-progress-bar')).toBeNull();
    expect(button('Stop')).toBeUndefined();
  });

  it('Stop ends the explanation; what arrived stays', async () => {
    const { fixture, element, button } = await render();
    button('Ask the assistant')?.click();
    client.evidenceAnswer.next(EVIDENCE);
    client.explanation.next('Application waits');
    await fixture.whenStable();
    button('Stop')?.click();
    await fixture.whenStable();
    expect(client.explanation.observed).toBe(false);
    expect(element.querySelector('.answer-text')?.textContent).toContain('Application waits');
    expect(element.querySelector('.note')?.textContent?.trim()).toBe(
      'Stopped: the explanation is incomplete.',
    );
  });

  it('says why an explanation failed, in words', async () => {
    const { fixture, element, button } = await render();
    button('Ask the assistant')?.click();
    client.evidenceAnswer.next(EVIDENCE);
    client.explanation.error(new AssistantError({ kind: 'rate_limited', retryAfterS: 30 }));
    await fixture.whenStable();
    expect(element.querySelector('[role="alert"]')?.textContent).toBe(
      'You have asked the assistant for many answers in a short time. Wait 30 seconds, then ask again.',
    );
    expect(button('Ask the assistant')?.disabled).toBe(false);
  });

  it('another database clears what was explained', async () => {
    const { fixture, element, button } = await render();
    button('Ask the assistant')?.click();
    client.evidenceAnswer.next(EVIDENCE);
    await fixture.whenStable();
    expect(element.querySelector('.explanation')).not.toBeNull();
    fixture.componentInstance.database.set('paycdb');
    await fixture.whenStable();
    expect(element.querySelector('.explanation')).toBeNull();
    expect(client.explanation.observed).toBe(false);
  });
});
