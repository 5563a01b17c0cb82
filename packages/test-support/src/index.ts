/**
 * Random scenarios in the rules' input format. Only fast-check: importing this pulls in no
 * workspace package, so a package's own tests can use it without loading the ones above it.
 */
export * from './scenario-arbitrary';
export * from './trade-line';
export * from './held-read';
