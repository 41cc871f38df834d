module.exports = {
  displayName: 'api-feature-analytics',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-analytics',
};
