module.exports = {
  displayName: 'api-util-config',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/util-config',
};
