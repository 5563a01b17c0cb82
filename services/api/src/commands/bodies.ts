import * as t from 'io-ts';
import {
  AttachClient,
  PayoutFailedReport,
  RegisterPartner,
  RunPayouts,
  SetOverrideRate,
  SetPayoutHold,
  SetQualification,
  SetRebateRate,
  SetRemuneration,
} from '@rebate/domain';

/**
 * Request bodies of the command resources: the fields of the rules' command lines that are
 * neither in the path nor the time of reception. Each field is the domain's own codec, so a
 * refusal reads exactly as it would for an NDJSON line.
 */

export const RegisterPartnerBody = t.exact(
  t.type({
    partnerId: RegisterPartner.type.props.partnerId,
    model: RegisterPartner.type.props.model,
    parentId: RegisterPartner.type.props.parentId,
  }),
  'RegisterPartnerBody',
);

export const AttachClientBody = t.exact(
  t.type({ clientId: AttachClient.type.props.clientId }),
  'AttachClientBody',
);

export const RemunerationBody = t.exact(
  t.type({ usdPerLot: SetRemuneration.type.props.usdPerLot }),
  'RemunerationBody',
);

export const RebateRateBody = t.exact(
  t.type({ percent: SetRebateRate.type.props.percent }),
  'RebateRateBody',
);

export const PayoutRunBody = t.exact(
  t.type({ minimumUsd: RunPayouts.type.props.minimumUsd, runId: RunPayouts.type.props.runId }),
  'PayoutRunBody',
);

export const PayoutHoldBody = t.exact(
  t.type({ days: SetPayoutHold.type.props.days }),
  'PayoutHoldBody',
);

export const QualificationBody = t.exact(
  t.type({ minHoldSeconds: SetQualification.type.props.minHoldSeconds }),
  'QualificationBody',
);

export const OverrideRateBody = t.exact(
  t.type({ percent: SetOverrideRate.type.props.percent }),
  'OverrideRateBody',
);

export const PayoutFailedBody = t.exact(
  t.type({ reason: PayoutFailedReport.type.props.reason }),
  'PayoutFailedBody',
);

/** Nothing to say: `{}` or no body at all. */
export const EmptyBody = t.exact(t.type({}), 'EmptyBody');
