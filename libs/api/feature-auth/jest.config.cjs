module.exports = {
  displayName: 'api-feature-auth',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-auth',
};
