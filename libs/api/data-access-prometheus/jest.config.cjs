module.exports = {
  displayName: 'api-data-access-prometheus',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/data-access-prometheus',
};
