module.exports = {
  displayName: 'web-feature-profile',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/feature-profile',
};
