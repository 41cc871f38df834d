module.exports = {
  displayName: 'web-data-access-auth',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/data-access-auth',
};
