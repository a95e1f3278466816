import tseslint from 'typescript-eslint';

/** Size limits (issue 12): a longer file or function says why in a comment at its top (an eslint-disable with `-- reason`). */
const sizeLimits = {
  'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
  'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
};

export default tseslint.config(
  { ignores: ['node_modules', '.cairn', 'dist', 'coverage'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    // Tests and fixtures read best as one scenario each; a migration is one list of DDL statements.
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'src/testing/**', 'src/storage/migrations/**'],
    rules: sizeLimits,
  },
);
