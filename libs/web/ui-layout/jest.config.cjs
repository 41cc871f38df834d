module.exports = {
  displayName: 'web-ui-layout',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/ui-layout',
};
