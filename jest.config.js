/** One jest run for the whole monorepo; tests import workspace packages from source. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services'],
  testMatch: ['**/src/**/*.test.ts', '**/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }],
  },
  moduleNameMapper: {
    '^@rebate/api$': '<rootDir>/services/api/src/index.ts',
    '^@rebate/event-store/contract$': '<rootDir>/packages/event-store/src/contract/index.ts',
    '^@rebate/trade-source/contract$': '<rootDir>/packages/trade-source/src/contract/index.ts',
    '^@rebate/test-support/api$': '<rootDir>/packages/test-support/src/api/index.ts',
    '^@rebate/(runtime|trade-source|trade-source-kafka|read-models|test-support)$':
      '<rootDir>/packages/$1/src/index.ts',
    '^@rebate/(domain|sql|event-store|event-store-sqlite|event-store-postgres|event-store-esdb|ledger)$':
      '<rootDir>/packages/$1/src/index.ts',
  },
  testTimeout: 60000,
};
