// `npm run lint` (part of the test command): typescript-eslint's recommended rules over the
// sources, tests and benchmarks, and React's hook rules over the UI. Zero warnings.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'node_modules/', '.test-build/', '.bench-build/', 'coverage/'] },
  ...tseslint.configs.recommended,
  // Hooks live in the UI; elsewhere `use…` names test fixtures (useSandbox), not React hooks.
  { ...reactHooks.configs.flat.recommended, files: ['src/ui/**/*.{ts,tsx}', 'src/**/*.tsx'] },
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', setImmediate: 'readonly', URL: 'readonly', performance: 'readonly' },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (callback positions, destructured leftovers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
);
