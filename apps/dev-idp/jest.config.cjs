module.exports = {
  displayName: 'dev-idp',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // oidc-provider and jose are ESM-only: let ts-jest compile them to CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(jose|oidc-provider)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../coverage/apps/dev-idp',
};
