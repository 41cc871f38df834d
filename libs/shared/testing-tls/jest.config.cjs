module.exports = {
  displayName: 'shared-testing-tls',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-tls',
};
