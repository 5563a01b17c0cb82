import type { AccountsDatabase } from '../projections/accounts/tables';
import type { AccrualsDatabase } from '../projections/accruals/tables';
import type { AgreementsDatabase } from '../projections/agreements/tables';
import type { CheckpointsDatabase } from './checkpoints-table';

/** Every read-model table, as the storage's Kysely instance is typed. */
export type ReadModelsDatabase = CheckpointsDatabase &
  AgreementsDatabase &
  AccrualsDatabase &
  AccountsDatabase;
