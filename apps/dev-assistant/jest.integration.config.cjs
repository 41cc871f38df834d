/** Integration tests: the built server (`dist/apps/dev-assistant/main.js`) as a child process. */
module.exports = {
  displayName: 'dev-assistant-integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
};
