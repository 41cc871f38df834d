module.exports = {
  displayName: 'shared-testing-dev-assistant',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-dev-assistant',
};
