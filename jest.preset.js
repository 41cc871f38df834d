const nxPreset = require('@nx/jest/preset').default;

/** Defaults for the Node projects (API, dev IdP, shared libs); the Angular ones extend libs/web/jest-angular.preset.cjs. */
module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // jose, oidc-provider, dpop and cookie (used by Fastify's inject) ship ESM only: let ts-jest compile them.
  transformIgnorePatterns: [
    '/node_modules/(?!(.*/node_modules/)?(jose|cookie|oidc-provider|dpop)/)',
  ],
  moduleFileExtensions: ['ts', 'js', 'html'],
};
