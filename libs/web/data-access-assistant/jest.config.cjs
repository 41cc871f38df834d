module.exports = {
  displayName: 'web-data-access-assistant',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/data-access-assistant',
};
