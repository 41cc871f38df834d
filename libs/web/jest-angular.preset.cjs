const nxPreset = require('@nx/jest/preset').default;

/** Jest defaults for the Angular projects (apps/web and libs/web/*). */
module.exports = {
  ...nxPreset,
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/src/test-setup.ts'],
  transform: {
    '^.+\\.(ts|mjs|js|html)$': [
      'jest-preset-angular',
      {
        tsconfig: '<rootDir>/tsconfig.spec.json',
        stringifyContentPathRegex: '\\.(html|svg)$',
      },
    ],
  },
  // dpop (and jose, which its specs verify proofs with) and marked ship ESM as .js.
  transformIgnorePatterns: ['node_modules/(?!(.*\\.mjs$|(.*/)?(dpop|jose|marked)/))'],
  snapshotSerializers: [
    'jest-preset-angular/build/serializers/no-ng-attributes',
    'jest-preset-angular/build/serializers/ng-snapshot',
    'jest-preset-angular/build/serializers/html-comment',
  ],
};
