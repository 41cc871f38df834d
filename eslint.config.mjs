import nx from '@nx/eslint-plugin';

const SCOPES = [
  // The SPA and the API share only framework-free contract types; the dev servers are leaves
  // nobody imports (tests run their builds).
  { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:api', 'scope:shared'] },
  { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:web', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:dev-idp', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:dev-assistant', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:dev-metrics', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:tooling', onlyDependOnLibsWithTags: ['scope:shared', 'scope:api'] },
  // The command line for scripts: its own libs and the shared ones, nothing of the API or the SPA.
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:cli', 'scope:shared'] },
];

/** Layering by type; test code may additionally use `type:testing` libs (test issuers, fixtures). */
const types = (testCode) => {
  const testing = testCode ? ['type:testing'] : [];
  return [
    {
      sourceTag: 'type:app',
      onlyDependOnLibsWithTags: [
        'type:feature',
        'type:data-access',
        'type:ui',
        'type:util',
        ...testing,
      ],
    },
    {
      sourceTag: 'type:feature',
      onlyDependOnLibsWithTags: [
        'type:feature',
        'type:data-access',
        'type:ui',
        'type:util',
        ...testing,
      ],
    },
    {
      sourceTag: 'type:data-access',
      onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testing],
    },
    { sourceTag: 'type:ui', onlyDependOnLibsWithTags: ['type:ui', 'type:util', ...testing] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', ...testing] },
    { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
    // `npm run token` (dev IdP code) uses the dev IdP client; test helpers stay in its tests.
    {
      sourceTag: 'type:dev-server',
      onlyDependOnLibsWithTags: ['type:data-access', 'type:util', ...testing],
    },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
    { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:util', 'type:testing'] },
  ];
};

const boundaries = (testCode) => [
  'error',
  {
    enforceBuildableLibDependency: true,
    allow: ['^.*/eslint(\\.(base|angular))?\\.config\\.[cm]?[jt]s$'],
    depConstraints: [...SCOPES, ...types(testCode)],
  },
];

const TEST_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/test-setup.ts', '**/testing/**/*.ts'];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/test-results', '**/playwright-report'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.mjs'],
    rules: { '@nx/enforce-module-boundaries': boundaries(false) },
  },
  {
    files: TEST_FILES,
    rules: { '@nx/enforce-module-boundaries': boundaries(true) },
  },
];
