module.exports = {
  displayName: 'cli-data-access-oauth',
  preset: '../jest-cli.preset.cjs',
  coverageDirectory: '../../../coverage/libs/cli/data-access-oauth',
};
