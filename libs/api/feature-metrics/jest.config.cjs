module.exports = {
  displayName: 'api-feature-metrics',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-metrics',
};
