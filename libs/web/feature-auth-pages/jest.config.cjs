module.exports = {
  displayName: 'web-feature-auth-pages',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/feature-auth-pages',
};
