import type * as t from 'io-ts';
import {
  Accrual,
  Agreement,
  AgreementChange,
  ClientBalance,
  ClientDay,
  PartnerBalance,
  PartnerDay,
  TrialBalance,
} from '@rebate/read-models';
import { TradeCancelled, TradeClosed } from '@rebate/domain';
import { AuditJob, AuditReport, AuditScope } from '../audit/audit-report';
import {
  BulkAnswer,
  CommandAnswer,
  IndexResult,
  RejectedLine,
  TradeBatchAnswer,
} from '../commands/command-answers';
import { Problem } from '../http/problem';
import {
  AccrualPage,
  ClientList,
  ClientStatement,
  PartnerList,
  PartnerStatement,
} from '../queries/query-answers';

/** Codecs documented once under components/schemas, by these names, and referenced elsewhere. */
export const namedSchemas: Readonly<Record<string, t.Mixed>> = {
  Problem,
  CommandAnswer,
  BulkAnswer,
  RejectedLine,
  TradeBatchAnswer,
  IndexResult,
  TradeClosed,
  TradeCancelled,
  PartnerBalance,
  ClientBalance,
  PartnerList,
  ClientList,
  PartnerDay,
  ClientDay,
  PartnerStatement,
  ClientStatement,
  Accrual,
  AccrualPage,
  AgreementChange,
  Agreement,
  AuditReport,
  AuditScope,
  AuditJob,
  TrialBalance,
};
