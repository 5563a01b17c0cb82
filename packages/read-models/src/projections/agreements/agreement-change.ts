import type { AgreementEvent } from '@rebate/domain';
import type { AgreementChangeRow } from './tables';

/** An agreements-stream event as one history row. */
export const agreementChangeRow = (
  event: Exclude<
    AgreementEvent,
    { type: 'PayoutHoldSet' | 'QualificationSet' | 'OverrideRateSet' }
  >,
  position: bigint,
): AgreementChangeRow => {
  const base = {
    position,
    partnerId: event.partnerId,
    type: event.type,
    clientId: null,
    percent: null,
    usdPerLot: null,
    accountType: null,
    at: event.at,
  };
  switch (event.type) {
    case 'PartnerRegistered':
      return base;
    case 'ClientAttached':
      return { ...base, clientId: event.clientId };
    case 'RemunerationSet':
      return { ...base, usdPerLot: event.usdPerLot, accountType: event.accountType };
    case 'RebateRateSet':
      return { ...base, clientId: event.clientId, percent: event.percent };
    case 'RebatesSuspended':
    case 'RebatesResumed':
    case 'RebatesCancelled':
      return { ...base, clientId: event.clientId };
  }
};
