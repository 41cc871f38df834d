module.exports = {
  displayName: 'web-feature-analytics',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/feature-analytics',
};
