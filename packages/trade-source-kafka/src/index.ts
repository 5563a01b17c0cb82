export * from './options';
export * from './kafka-client';
export * from './errors';
export * from './dead-letter-producer';
export * from './partition-reader';
export * from './kafka-trade-source';
export * from './create-kafka-ingestion';
export { toSourceBatches, toSourceHeaders } from './to-source-batch';
export { createEachBatch, type EachBatchDeps } from './each-batch';
