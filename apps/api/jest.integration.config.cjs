/** Integration tests: the built API (`dist/apps/api/main.js`) as a child process, real HTTP on loopback. */
module.exports = {
  displayName: 'api-integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
};
