module.exports = {
  displayName: 'api-feature-routes',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/feature-routes',
};
