// Lint for the page scripts, the build steps, the end-to-end tests and the bench
// (eslint 9 flat config; `eslint .` in the lint step of scripts/test.sh).
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['node_modules/', 'dist/', 'target/', 'tests/e2e/output/', 'bench/results/', 'receiver/', '**/*.min.js'] },
  js.configs.recommended,
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    rules: {
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-var': 'error',
    },
  },
  // Code that runs in the browser: the page script, public scripts; and the functions
  // the tests, the bench and the prerender hand to the page (page.evaluate).
  {
    files: ['scripts/early-paint.js', 'scripts/contract.mjs', 'scripts/lib/cycle-hash.js', 'scripts/lib/start-wasm.js', 'scripts/prerender.mjs', 'public/**/*.js', 'examples/**/*.js', 'tests/e2e/**/*.mjs', 'bench/**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Classic scripts written for old browsers on purpose (host pages): var is fine there.
  {
    files: ['public/**/*.js'],
    languageOptions: { sourceType: 'script' },
    rules: { 'no-var': 'off' },
  },
];
