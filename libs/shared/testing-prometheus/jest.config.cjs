module.exports = {
  displayName: 'shared-testing-prometheus',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-prometheus',
};
