// Lint config: typescript-eslint recommended rules; domain folders may not import Nest or drivers.
import tseslint from 'typescript-eslint';

const drivers = ['@nestjs/*', 'kafkajs', 'ioredis', 'mongoose', 'better-sqlite3', '@eventstore/db-client', 'fastify'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/console/**', '.engines/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['libs/kernel/src/**/*.ts', 'libs/contracts/src/**/*.ts', 'libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: drivers.map((group) => ({ group: [group], message: 'Domain code imports no framework or driver.' })) }],
    },
  },
);
