import { accrualsProjection } from './accruals/accruals-projection';
import { agreementsProjection } from './agreements/agreements-projection';
import { accountsProjection } from './accounts/accounts-projection';
import type { Projection } from './projection';

export const PROJECTION_NAMES = ['accounts', 'accruals', 'agreements'] as const;
export type ProjectionName = (typeof PROJECTION_NAMES)[number];

export const PROJECTIONS: Readonly<Record<ProjectionName, Projection>> = {
  accounts: accountsProjection,
  accruals: accrualsProjection,
  agreements: agreementsProjection,
};

export const isProjectionName = (name: string): name is ProjectionName =>
  (PROJECTION_NAMES as readonly string[]).includes(name);
