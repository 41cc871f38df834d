module.exports = {
  displayName: 'shared-util-env',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-env',
};
