module.exports = {
  displayName: 'shared-util-api-contract',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-api-contract',
};
