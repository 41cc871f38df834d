module.exports = {
  displayName: 'shared-testing-dev-idp',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-dev-idp',
};
