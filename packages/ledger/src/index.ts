export * from './store/streams';
export * from './store/event-codec';
export * from './commands/outcome';
export * from './commands/agreement-cache';
export * from './commands/ledger-commands';
export * from './projections/ledger-totals';
export * from './simulate/report';
export * from './simulate/run-scenario';
