module.exports = {
  displayName: 'cli-util-messages',
  preset: '../jest-cli.preset.cjs',
  coverageDirectory: '../../../coverage/libs/cli/util-messages',
};
