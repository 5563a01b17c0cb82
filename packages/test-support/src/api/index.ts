/** The API under test (in process, on SQLite and PostgreSQL), a small seeded ledger, the figures. */
export * from './backends';
export * from './figures';
export * from './ledger-fixtures';
export * from './manual-clock';
export * from './test-api';
