module.exports = {
  displayName: 'stack-runner',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/stack-runner',
};
