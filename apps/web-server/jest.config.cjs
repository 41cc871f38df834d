module.exports = {
  displayName: 'web-server',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/web-server',
};
