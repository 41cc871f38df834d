module.exports = {
  displayName: 'dev-assistant',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/dev-assistant',
};
