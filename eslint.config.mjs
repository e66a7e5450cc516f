// ESLint (flat config) with typescript-eslint: the recommended rules, plus the type-aware rules
// that catch real bugs in this code base — a promise nobody awaits or handles (a lost error in
// the server), a promise where a callback returns void, awaiting what is not a promise — and
// `==` only against null. `npm run lint`; `npm test` runs it first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tables/build/**', 'e2e/**/node_modules/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // node:test's test() returns a promise the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // The server exposes the GC for one debug request by requiring node:v8 and node:vm then only.
      '@typescript-eslint/no-require-imports': ['error', { allow: ['^node:v8$', '^node:vm$'] }],
      eqeqeq: ['error', 'smart'],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // CommonJS scripts (the e2e drivers, the no-network guard preloaded with --require).
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Code that runs in the browser page puppeteer drives (inside page.evaluate).
    files: ['e2e/**/*.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
