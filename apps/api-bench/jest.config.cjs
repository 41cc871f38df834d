module.exports = {
  displayName: 'api-bench',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/api-bench',
};
