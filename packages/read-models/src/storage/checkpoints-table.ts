import { position, text } from './columns';
import { defineTable } from './table';

/** One row per projection: the position of the last event applied to its rows. */
export const checkpointsTable = defineTable(
  'projection_checkpoints',
  { projection: text, position, updatedAt: text },
  ['projection'],
);
