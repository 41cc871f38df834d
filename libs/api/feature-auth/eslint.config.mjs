import baseConfig from '../../../eslint.config.mjs';

/**
 * The lib's rooms, lowest first: a room imports only from the rooms before it (and the lib's
 * root files `errors.ts`, `auth-telemetry.ts`), so a request can be followed top-down from
 * `http/` to a decision, and no import circle can form between rooms.
 */
const ROOMS = ['jws', 'keys', 'user', 'token', 'dpop', 'http'];

export default [
  ...baseConfig,
  ...ROOMS.map((room, index) => ({
    files: [`src/lib/${room}/**/*.ts`],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...ROOMS.slice(index + 1).map((above) => ({
              group: [`../${above}/*`],
              message: `${room}/ sits below ${above}/: imports run one way (${ROOMS.join(' → ')})`,
            })),
            { group: ['../create-auth', '../../index'], message: 'the root wires the rooms' },
          ],
        },
      ],
    },
  })),
];
