module.exports = {
  displayName: 'api-feature-assistant',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-assistant',
};
