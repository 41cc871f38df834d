module.exports = {
  displayName: 'api-feature-auth',
  preset: '../../../jest.preset.js',
  testEnvironment: 'node',
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // jose and cookie (used by inject) ship ESM only: let ts-jest transform them.
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(jose|cookie)/)'],
  moduleFileExtensions: ['ts', 'js', 'html'],
  coverageDirectory: '../../../coverage/libs/api/feature-auth',
};
