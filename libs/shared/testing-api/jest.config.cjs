module.exports = {
  displayName: 'shared-testing-api',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-api',
};
