import { type DatabaseOf, defineTable, position, text } from './schema';

/** One row per projection: the position of the last event applied to its rows. */
export const checkpointsTable = defineTable(
  'projectionCheckpoints',
  { projection: text, position, updatedAt: text },
  ['projection'],
);

export type CheckpointsDatabase = DatabaseOf<readonly [typeof checkpointsTable]>;
