module.exports = {
  displayName: 'shared-testing-node-process',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/shared/testing-node-process',
};
