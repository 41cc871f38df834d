import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { AccessStore, type AccessDecision } from '@oracle-ai/web/data-access-auth';
import { MAX_AUTOMATIC_RETRIES, retryDelayS, RetryRounds } from './retry-rounds';
import { ServiceUnavailablePage } from './service-unavailable-page';

const GRANTED = { kind: 'granted', me: {} } as AccessDecision;
const unavailable = (retryAfterS?: number): AccessDecision => ({
  kind: 'unavailable',
  retryAfterS,
});

describe('ServiceUnavailablePage', () => {
  let load: jest.Mock<Promise<AccessDecision>, []>;
  let navigate: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    load = jest.fn();
    TestBed.configureTestingModule({
      imports: [ServiceUnavailablePage],
      providers: [provideRouter([]), { provide: AccessStore, useValue: { load } }],
    });
    navigate = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => jest.useRealTimers());

  async function open(inputs: {
    returnUrl?: string;
    retryAfter?: string;
  }): Promise<ComponentFixture<ServiceUnavailablePage>> {
    const fixture = TestBed.createComponent(ServiceUnavailablePage);
    fixture.componentRef.setInput('returnUrl', inputs.returnUrl);
    fixture.componentRef.setInput('retryAfter', inputs.retryAfter);
    fixture.detectChanges();
    await fixture.whenStable();
    return fixture;
  }

  async function seconds(fixture: ComponentFixture<ServiceUnavailablePage>, count: number) {
    await jest.advanceTimersByTimeAsync(count * 1_000);
    fixture.detectChanges();
  }

  const text = (fixture: ComponentFixture<ServiceUnavailablePage>, selector: string) =>
    (fixture.nativeElement as HTMLElement).querySelector(selector)?.textContent?.trim();

  it('counts down the Retry-After, asks the API again and returns to the page first asked for', async () => {
    load.mockResolvedValue(GRANTED);
    const fixture = await open({ returnUrl: '/analytics', retryAfter: '3' });
    expect(text(fixture, '[role="timer"]')).toBe('3');
    expect(text(fixture, '[role="status"]')).toContain('try again by itself');
    await seconds(fixture, 2);
    expect(text(fixture, '[role="timer"]')).toBe('1');
    expect(load).not.toHaveBeenCalled();
    await seconds(fixture, 1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith('/analytics');
  });

  it('waits again with the next Retry-After, then stops after the last attempt and says so', async () => {
    load.mockResolvedValue(unavailable(2));
    const fixture = await open({ returnUrl: '/chat', retryAfter: '1' });
    await seconds(fixture, 1);
    expect(load).toHaveBeenCalledTimes(1);
    expect(text(fixture, '[role="timer"]')).toBe('2');
    expect(text(fixture, 'p:has([role="timer"])')).toContain(
      `Next attempt (2 of ${MAX_AUTOMATIC_RETRIES})`,
    );
    await seconds(fixture, 2 * (MAX_AUTOMATIC_RETRIES - 1));
    expect(load).toHaveBeenCalledTimes(MAX_AUTOMATIC_RETRIES);
    expect(text(fixture, '[role="alert"]')).toContain('stopped trying by itself');
    expect(fixture.nativeElement.querySelector('[role="timer"]')).toBeNull();
    await seconds(fixture, 120);
    expect(load).toHaveBeenCalledTimes(MAX_AUTOMATIC_RETRIES);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('"Retry now" asks at once, and a failure starts the count over', async () => {
    load.mockResolvedValueOnce(unavailable(4)).mockResolvedValue(GRANTED);
    const fixture = await open({ returnUrl: '/analytics', retryAfter: '30' });
    (fixture.nativeElement as HTMLElement).querySelector('button')?.click();
    await jest.advanceTimersByTimeAsync(0);
    fixture.detectChanges();
    expect(load).toHaveBeenCalledTimes(1);
    expect(text(fixture, '[role="timer"]')).toBe('4');
    expect(text(fixture, 'p:has([role="timer"])')).toContain('Next attempt (1 of');
    await seconds(fixture, 4);
    expect(navigate).toHaveBeenCalledWith('/analytics');
  });

  it('continues the count when an attempt lands back here within the same outage', async () => {
    load.mockResolvedValue(unavailable(1));
    TestBed.inject(RetryRounds).attempt(MAX_AUTOMATIC_RETRIES - 1);
    const fixture = await open({ returnUrl: '/analytics', retryAfter: '1' });
    expect(text(fixture, '[role="alert"]')).toContain('stopped trying by itself');
  });

  it.each([
    ['/analytics', '/analytics'],
    ['//evil.com', '/'],
    [undefined, '/'],
    ['/service-unavailable?returnUrl=/x', '/'],
  ])('returns from %p to %s', async (returnUrl, target) => {
    load.mockResolvedValue(GRANTED);
    const fixture = await open({ returnUrl });
    (fixture.nativeElement as HTMLElement).querySelector('button')?.click();
    await jest.advanceTimersByTimeAsync(0);
    expect(navigate).toHaveBeenCalledWith(target);
  });
});

describe('retryDelayS', () => {
  it.each([
    ['7', 7],
    [12, 12],
    ['0', 1],
    ['3600', 60],
    ['2.2', 3],
    [undefined, 5],
    ['soon', 5],
    ['', 5],
  ])('%p → %p s', (retryAfter, seconds) => {
    expect(retryDelayS(retryAfter)).toBe(seconds);
  });
});
