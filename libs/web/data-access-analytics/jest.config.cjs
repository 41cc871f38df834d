module.exports = {
  displayName: 'web-data-access-analytics',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/data-access-analytics',
};
