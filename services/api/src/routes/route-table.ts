import { auditRoutes } from '../audit/audit-routes';
import { agreementRoutes } from '../commands/agreement-routes';
import { bulkRoutes } from '../commands/bulk-routes';
import { payoutRoutes } from '../commands/payout-routes';
import { rebateRoutes } from '../commands/rebate-routes';
import { rulesV2Routes } from '../commands/rules-v2-routes';
import { tradeRoutes } from '../commands/trade-routes';
import { healthRoutes } from '../health/health-routes';
import { accrualRoutes } from '../queries/accrual-routes';
import { agreementQueryRoutes } from '../queries/agreement-routes';
import { balanceRoutes } from '../queries/balance-routes';
import { payoutQueryRoutes } from '../queries/payout-query-routes';
import { statementRoutes } from '../queries/statement-routes';
import { subPartnerRoutes } from '../queries/sub-partner-routes';
import { trialBalanceRoutes } from '../queries/trial-balance-routes';
import type { ApiRoute } from './route';

/** Every endpoint of the API: registered, documented and authorization-tested from here. */
export const routeTable: readonly ApiRoute[] = [
  ...agreementRoutes,
  ...rebateRoutes,
  ...payoutRoutes,
  ...rulesV2Routes,
  ...tradeRoutes,
  ...bulkRoutes,
  ...balanceRoutes,
  ...statementRoutes,
  ...subPartnerRoutes,
  ...accrualRoutes,
  ...agreementQueryRoutes,
  ...payoutQueryRoutes,
  ...trialBalanceRoutes,
  ...auditRoutes,
  ...healthRoutes,
];
