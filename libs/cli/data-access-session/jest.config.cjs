module.exports = {
  displayName: 'cli-data-access-session',
  preset: '../jest-cli.preset.cjs',
  coverageDirectory: '../../../coverage/libs/cli/data-access-session',
};
