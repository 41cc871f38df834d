module.exports = {
  displayName: 'shared-testing-chromium',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-chromium',
};
