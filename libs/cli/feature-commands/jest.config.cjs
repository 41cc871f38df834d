module.exports = {
  displayName: 'cli-feature-commands',
  preset: '../jest-cli.preset.cjs',
  coverageDirectory: '../../../coverage/libs/cli/feature-commands',
};
