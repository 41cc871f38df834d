module.exports = {
  displayName: 'api-feature-platform',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-platform',
};
