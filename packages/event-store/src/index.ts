export * from './port';
export * from './errors';
export * from './support';
export * from './chain';
