import { auditRoutes } from '../audit/audit-routes';
import { bulkRoutes } from '../commands/bulk-routes';
import { commandTable } from '../commands/command-table';
import { tradeRoutes } from '../commands/trade-routes';
import { healthRoutes } from '../health/health-routes';
import { accrualRoutes } from '../queries/accrual-routes';
import { agreementQueryRoutes } from '../queries/agreement-routes';
import { balanceRoutes } from '../queries/balance-routes';
import { payoutQueryRoutes } from '../queries/payout-query-routes';
import { reconciliationRoutes } from '../queries/reconciliation-routes';
import { statementRoutes } from '../queries/statement-routes';
import { subPartnerRoutes } from '../queries/sub-partner-routes';
import { trialBalanceRoutes } from '../queries/trial-balance-routes';
import type { ApiRoute } from './route';

/** Every endpoint of the API: registered, documented and authorization-tested from here. */
export const routeTable: readonly ApiRoute[] = [
  ...commandTable,
  ...tradeRoutes,
  ...bulkRoutes,
  ...balanceRoutes,
  ...statementRoutes,
  ...subPartnerRoutes,
  ...accrualRoutes,
  ...agreementQueryRoutes,
  ...payoutQueryRoutes,
  ...trialBalanceRoutes,
  ...reconciliationRoutes,
  ...auditRoutes,
  ...healthRoutes,
];
