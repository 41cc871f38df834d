module.exports = {
  displayName: 'shared-testing-dev-metrics',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-dev-metrics',
};
