module.exports = {
  displayName: 'api-data-access-model-server',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/data-access-model-server',
};
