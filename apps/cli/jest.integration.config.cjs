/**
 * Integration tests: the built command line (`dist/apps/cli/main.js`) as a child process, against
 * the built dev IdP and the built API, a real browser for the sign-in.
 */
module.exports = {
  displayName: 'cli-integration',
  preset: '../../libs/cli/jest-cli.preset.cjs',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
};
