module.exports = {
  displayName: 'web-ui-time-series-chart',
  preset: '../jest-angular.preset.cjs',
  coverageDirectory: '../../../coverage/libs/web/ui-time-series-chart',
};
