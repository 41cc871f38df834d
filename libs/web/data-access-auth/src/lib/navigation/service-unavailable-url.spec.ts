import { serviceUnavailableUrl } from './service-unavailable-url';

describe('serviceUnavailableUrl', () => {
  it('carries the page to return to and, when the API sent one, its Retry-After', () => {
    expect(serviceUnavailableUrl('/chat?x=1')).toBe(
      '/service-unavailable?returnUrl=%2Fchat%3Fx%3D1',
    );
    expect(serviceUnavailableUrl('/analytics', 12)).toBe(
      '/service-unavailable?returnUrl=%2Fanalytics&retryAfter=12',
    );
  });
});
