// The linter's rules: few, each for a bug class the type checker does not catch. Style is left to
// the code's own consistency (no formatter: every file would change, and nothing it fixes here
// has caused a bug).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['build/', 'dist/', 'node_modules/', 'tests/.out/', 'bench/.work/', '.exp/', 'fonts/build/', 'fonts/.cache/'] },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Left-over debugging.
      'no-debugger': 'error',
      // Dead code: unused variables, imports, parameters (a leading _ marks one kept on purpose).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      'no-unreachable': 'error',
      // A promise nobody awaits loses its error: the build would go on after a failed step.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/await-thenable': 'error',
      // `any` switches the type checker off for everything it touches.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
    },
  },
  {
    // Scripts that run in the page (Paged.js handlers, the preview) and the launchers: plain JavaScript.
    files: ['**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      'no-debugger': 'error',
      'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
      'no-unreachable': 'error',
    },
  },
);
