export * from './db-codecs';
export * from './lock-keys';
export * from './migrations';
export * from './postgres-transaction';
export * from './run-migrations';
export * from './event-rows/chain-row';
export * from './event-rows/event-row';
export * from './event-rows/store-rows';
