// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'eslint.config.mjs', 'jest.config.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Heavy libraries only some routes use are required on first use (src/common/modules/on-first-use.ts).
      '@typescript-eslint/no-require-imports': [
        'error',
        { allow: ['^playwright-core$', '^exceljs$', '^xmlbuilder2$', '^unzipper$', '^yauzl$'] },
      ],
    },
  },
  {
    // Every POST carries the Idempotency-Key interceptor, visible at the handler (src/idempotency/idempotent-post.decorator.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/idempotency/idempotent-post.decorator.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@nestjs/common',
              importNames: ['Post'],
              message:
                'Import Post from src/idempotency/idempotent-post.decorator instead: it adds the Idempotency-Key interceptor every POST needs.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', 'test/**/*.js', 'bench/**/*.js'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
