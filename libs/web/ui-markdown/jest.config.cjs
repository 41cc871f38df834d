module.exports = {
  displayName: 'web-ui-markdown',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/ui-markdown',
};
