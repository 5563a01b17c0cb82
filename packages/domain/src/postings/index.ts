export * from './account';
export * from './asset';
export * from './posting';
export * from './postings-of';
export * from './assert-balanced';
export * from './trial-balance';
