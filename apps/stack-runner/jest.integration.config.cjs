/** Integration tests: the root package.json's stacks, started and stopped as a harness does. */
module.exports = {
  displayName: 'stack-runner-integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
};
