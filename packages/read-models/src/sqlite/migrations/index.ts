import type { Migration } from '@rebate/sql';
import { initial } from './0001-initial';
import { partnerClientBalances } from './0002-partner-client-balances';
import { accounts } from './0003-accounts';
import { subPartners } from './0004-sub-partners';

/** Every schema version, oldest first. Append new ones; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [
  initial,
  partnerClientBalances,
  accounts,
  subPartners,
];
