module.exports = {
  displayName: 'shared-util-dev-prometheus',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/util-dev-prometheus',
};
