module.exports = {
  displayName: 'web',
  preset: '../../libs/web/jest-angular.preset.cjs',
  coverageDirectory: '../../coverage/apps/web',
};
