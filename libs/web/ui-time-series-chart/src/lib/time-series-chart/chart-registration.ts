import {
  Chart,
  Filler,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

/**
 * Only the parts the charts use, so that the bundle carries no other controller, scale or
 * plugin (`chart.js/auto` would register all of them). Registering twice is harmless.
 */
export function registerChartParts(): void {
  Chart.register(LineController, LineElement, PointElement, LinearScale, Filler, Tooltip);
}
