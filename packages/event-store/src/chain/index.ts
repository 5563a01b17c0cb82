export * from './types';
export * from './chain-hash';
export * from './seal-digest';
export * from './verify-chain';
