// Lint config: typescript-eslint recommended rules plus the dependency rules docs/architecture.md states:
// domain code imports no framework, driver or auth barrel; libraries never import apps; a service library never
// reaches into another service library's files: only what that library's barrel exports.
import tseslint from 'typescript-eslint';

const drivers = [
  '@nestjs/*',
  'kafkajs',
  'ioredis',
  'mongoose',
  'better-sqlite3',
  '@eventstore/db-client',
  'fastify',
];
const services = ['identity', 'registry', 'immunization', 'audit'];

const domainRule = (group, message) => ({ group: [group], message });
const noApps = domainRule(
  '**/apps/**',
  'A library never imports an app: apps compose libraries, not the other way round.',
);
const noOtherService = (own) =>
  services
    .filter((service) => service !== own)
    .flatMap((service) => [
      domainRule(
        `@vaxledger/${service}/**`,
        `The ${own} service does not import the ${service} service's internals.`,
      ),
      domainRule(
        `**/${service}/src/**`,
        `The ${own} service does not import the ${service} service's internals.`,
      ),
    ]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'apps/console/**', '.engines/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Library source (not its tests, which may drive an app's CLI end to end) never imports an app.
  {
    files: ['libs/*/src/**/*.ts'],
    ignores: services.map((service) => `libs/${service}/src/**/*.ts`),
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps] }] },
  },
  ...services.map((service) => ({
    files: [`libs/${service}/src/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, ...noOtherService(service)] }] },
  })),
  // Domain code: pure functions and event types. Listed last so it wins over the rules above for these files.
  {
    files: ['libs/kernel/src/**/*.ts', 'libs/contracts/src/**/*.ts', 'libs/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...drivers.map((group) => domainRule(group, 'Domain code imports no framework or driver.')),
            domainRule(
              '@vaxledger/auth',
              'Domain code does not import the auth barrel (it loads Nest): roles and rights are in @vaxledger/contracts.',
            ),
            noApps,
          ],
        },
      ],
    },
  },
);
