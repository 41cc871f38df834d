module.exports = {
  displayName: 'shared-util-loopback-server',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-loopback-server',
};
