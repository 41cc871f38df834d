import nx from '@nx/eslint-plugin';
import baseConfig from './eslint.config.mjs';

/**
 * The Angular rules shared by the SPA (`apps/web`) and its libs (`libs/web/*`); each of those
 * projects' `eslint.config.mjs` re-exports this, so the rules cannot drift apart.
 */
export default [
  ...nx.configs['flat/angular'],
  ...nx.configs['flat/angular-template'],
  ...baseConfig,
  {
    files: ['**/*.ts'],
    rules: {
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
    },
  },
];
