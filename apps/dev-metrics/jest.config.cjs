module.exports = {
  displayName: 'dev-metrics',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/dev-metrics',
};
