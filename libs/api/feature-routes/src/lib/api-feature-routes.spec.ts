import { apiFeatureRoutes } from './api-feature-routes';

describe('apiFeatureRoutes', () => {
  it('should work', () => {
    expect(apiFeatureRoutes()).toEqual('api-feature-routes');
  });
});
