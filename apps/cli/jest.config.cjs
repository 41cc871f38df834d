module.exports = {
  displayName: 'cli',
  preset: '../../libs/cli/jest-cli.preset.cjs',
  coverageDirectory: '../../coverage/apps/cli',
};
