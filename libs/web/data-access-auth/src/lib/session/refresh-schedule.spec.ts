import { TestBed } from '@angular/core/testing';
import { RefreshSchedule } from './refresh-schedule';

describe('RefreshSchedule', () => {
  const refresh = jest.fn();
  let schedule: RefreshSchedule;

  beforeEach(() => {
    jest.useFakeTimers({ now: Date.now() });
    refresh.mockClear();
    schedule = TestBed.inject(RefreshSchedule);
    schedule.onDue(refresh);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('is due at 75 % of the remaining lifetime', () => {
    schedule.plan(Date.now() + 100_000);
    jest.advanceTimersByTime(74_000);
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1_000);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('waits at least a second, even for a token that has already expired', () => {
    schedule.plan(Date.now() - 5_000);
    jest.advanceTimersByTime(999);
    expect(refresh).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('replans instead of stacking timers, and cancels without a token', () => {
    schedule.plan(Date.now() + 100_000);
    schedule.plan(Date.now() + 200_000);
    jest.advanceTimersByTime(100_000);
    expect(refresh).not.toHaveBeenCalled();
    schedule.plan(null);
    jest.advanceTimersByTime(500_000);
    expect(refresh).not.toHaveBeenCalled();
  });

  it('is due on wake-up when the token expires within a minute', () => {
    schedule.plan(Date.now() + 30_000);
    document.dispatchEvent(new Event('visibilitychange'));
    window.dispatchEvent(new Event('online'));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('leaves a fresh token alone on wake-up', () => {
    schedule.plan(Date.now() + 300_000);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(refresh).not.toHaveBeenCalled();
  });

  it('does nothing on wake-up without a token', () => {
    document.dispatchEvent(new Event('visibilitychange'));
    expect(refresh).not.toHaveBeenCalled();
  });
});
