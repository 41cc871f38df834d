module.exports = {
  displayName: 'web-util-runtime-config',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/web/util-runtime-config',
};
