const preset = require('../../jest.preset.js');

/**
 * Jest defaults for the command line's projects: the Node preset, plus the ESM-only packages they
 * import (openid-client and its oauth4webapi) compiled by ts-jest like jose.
 */
module.exports = {
  ...preset,
  transformIgnorePatterns: [
    '/node_modules/(?!(.*/node_modules/)?(jose|cookie|oidc-provider|dpop|openid-client|oauth4webapi)/)',
  ],
};
