import type { AgreementEvent } from '@rebate/domain';
import type { AgreementChangeRow } from './tables';

/** An agreements-stream event as one history row; partnerId null for a broker-wide command. */
export const agreementChangeRow = (event: AgreementEvent, position: bigint): AgreementChangeRow => {
  const base = {
    position,
    partnerId: 'partnerId' in event ? event.partnerId : null,
    type: event.type,
    clientId: null,
    percent: null,
    usdPerLot: null,
    accountType: null,
    at: event.at,
  };
  switch (event.type) {
    case 'PartnerRegistered':
    case 'PayoutHoldSet':
    case 'QualificationSet':
      return base;
    case 'ClientAttached':
      return { ...base, clientId: event.clientId };
    case 'RemunerationSet':
      return { ...base, usdPerLot: event.usdPerLot, accountType: event.accountType };
    case 'RebateRateSet':
      return { ...base, clientId: event.clientId, percent: event.percent };
    case 'OverrideRateSet':
      return { ...base, percent: event.percent };
    case 'RebatesSuspended':
    case 'RebatesResumed':
    case 'RebatesCancelled':
      return { ...base, clientId: event.clientId };
  }
};
