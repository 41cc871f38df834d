module.exports = {
  displayName: 'shared-testing-redis',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-redis',
};
