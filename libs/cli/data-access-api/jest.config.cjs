module.exports = {
  displayName: 'cli-data-access-api',
  preset: '../jest-cli.preset.cjs',
  coverageDirectory: '../../../coverage/libs/cli/data-access-api',
};
