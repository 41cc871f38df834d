module.exports = {
  displayName: 'api-testing-issuer',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/testing-issuer',
};
