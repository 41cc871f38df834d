module.exports = {
  displayName: 'web-feature-chat',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/feature-chat',
};
