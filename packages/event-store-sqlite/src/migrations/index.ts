import type { Migration, SqliteMigrationDatabase } from '@rebate/sql';
import { initial } from './0001-initial';
import { eventChain } from './0002-event-chain';

/** Every schema version, oldest first. Append new ones; never edit an applied one. */
export const MIGRATIONS: readonly Migration<SqliteMigrationDatabase>[] = [initial, eventChain];
