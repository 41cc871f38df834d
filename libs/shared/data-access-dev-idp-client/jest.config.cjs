module.exports = {
  displayName: 'shared-data-access-dev-idp-client',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/data-access-dev-idp-client',
};
