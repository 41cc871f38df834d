import { apiFeatureAuth } from './api-feature-auth';

describe('apiFeatureAuth', () => {
  it('should work', () => {
    expect(apiFeatureAuth()).toEqual('api-feature-auth');
  });
});
