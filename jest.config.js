/** One jest config for the whole monorepo: unit tests beside the code, contract and e2e suites under test/. */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/apps/console/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { isolatedModules: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@vaxledger/(.*)$': '<rootDir>/libs/$1/src',
  },
  testTimeout: 60000,
  maxWorkers: 2,
  verbose: true,
};
