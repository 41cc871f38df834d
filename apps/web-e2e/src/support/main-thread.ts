import type { Page } from '@playwright/test';

/** How busy the page's main thread was while something ran. */
export interface MainThreadLoad {
  /** Wall-clock time observed. */
  elapsedMs: number;
  /** Main-thread task time per second of wall-clock time (Chromium's `TaskDuration`). */
  busyMsPerS: number;
  /** Of which layout and style recalculation, per second. */
  layoutMsPerS: number;
  /** Tasks over 50 ms (Long Tasks API), and their total. */
  longTasks: number;
  longTaskMs: number;
  /** The longest time between two animation frames: what a user feels as a freeze. */
  longestFrameGapMs: number;
}

const PROBE = '__e2eMainThreadProbe';

/**
 * Starts measuring the page's main thread: Chromium's own task accounting (DevTools Performance
 * metrics), long tasks and animation-frame gaps observed in the page. The probe is test code run
 * through DevTools; the app is unchanged.
 */
export async function measureMainThread(page: Page): Promise<() => Promise<MainThreadLoad>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((metric) => metric.name === name)?.value ?? 0;
    return {
      task: value('TaskDuration'),
      layout: value('LayoutDuration') + value('RecalcStyleDuration'),
    };
  };
  await page.evaluate((probe) => {
    const state = { longTasks: 0, longTaskMs: 0, longestGap: 0, last: performance.now(), on: true };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        state.longTasks++;
        state.longTaskMs += entry.duration;
      }
    }).observe({ type: 'longtask' });
    const frame = (now: number) => {
      state.longestGap = Math.max(state.longestGap, now - state.last);
      state.last = now;
      if (state.on) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    (window as unknown as Record<string, unknown>)[probe] = state;
  }, PROBE);
  const start = await metrics();
  const startedAt = Date.now();

  return async () => {
    const end = await metrics();
    const elapsedMs = Date.now() - startedAt;
    const seen = await page.evaluate((probe) => {
      const state = (window as unknown as Record<string, Record<string, number | boolean>>)[probe];
      state['on'] = false;
      return state as { longTasks: number; longTaskMs: number; longestGap: number };
    }, PROBE);
    await cdp.detach();
    const perSecond = (seconds: number) => Math.round((seconds * 1000 * 1000) / elapsedMs);
    return {
      elapsedMs,
      busyMsPerS: perSecond(end.task - start.task),
      layoutMsPerS: perSecond(end.layout - start.layout),
      longTasks: seen.longTasks,
      longTaskMs: Math.round(seen.longTaskMs),
      longestFrameGapMs: Math.round(seen.longestGap),
    };
  };
}
