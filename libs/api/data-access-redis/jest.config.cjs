module.exports = {
  displayName: 'api-data-access-redis',
  preset: '../../../jest.preset.js',
  coverageDirectory: '../../../coverage/libs/api/data-access-redis',
};
