/** Integration tests: the built API (`dist/apps/api/main.js`) as a child process, real HTTP on loopback. */
module.exports = {
  displayName: 'api-integration',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(jose|cookie)/)'],
  moduleFileExtensions: ['ts', 'js'],
};
