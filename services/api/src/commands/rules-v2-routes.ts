import { partnerOr, staff } from '../auth/access';
import {
  AccountTypeSymbolPath,
  NoParams,
  NoQuery,
  PartnerAccountTypeSymbolPath,
  PartnerChildPath,
  PartnerPath,
  PayoutPath,
} from '../routes/path-params';
import { route } from '../routes/route';
import {
  EmptyBody,
  OverrideRateBody,
  PayoutFailedBody,
  PayoutHoldBody,
  QualificationBody,
  RemunerationBody,
} from './bodies';
import { commandAnswered } from './command-responses';
import { executeCommand } from './execute-command';

/**
 * The commands of rules v2 (sections 9-13): the payout hold, qualification, per-symbol
 * remuneration, override rates of the partner hierarchy, and the payout service's results.
 * The broker's settings are admin's; a partner may set override rates for itself (the domain
 * refuses a child that is not its direct sub-partner).
 */
const ownPartner = partnerOr('partner-in-path', 'admin');

const settingRoutes = [
  route({
    id: 'setPayoutHold',
    method: 'PUT',
    path: '/v1/payout-hold',
    tag: 'commands',
    summary: 'Set how many days an accrual is held before it may be paid (set-payout-hold)',
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: PayoutHoldBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['back-dated'],
    handle: ({ body, command }, context) =>
      executeCommand(
        context,
        { type: 'set-payout-hold', days: body.days, at: context.now() },
        command,
      ),
  }),
  route({
    id: 'setBrokerQualification',
    method: 'PUT',
    path: '/v1/qualification',
    tag: 'commands',
    summary: 'Set the broker-wide minimum hold time of a qualifying trade (set-qualification)',
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: QualificationBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['back-dated'],
    handle: ({ body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-qualification',
          minHoldSeconds: body.minHoldSeconds,
          partnerId: undefined,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setPartnerQualification',
    method: 'PUT',
    path: '/v1/partners/:partnerId/qualification',
    tag: 'commands',
    summary: "Set a partner's own minimum hold time (set-qualification with partnerId)",
    access: staff('admin'),
    params: PartnerPath,
    query: NoQuery,
    body: { kind: 'json', codec: QualificationBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-qualification',
          minHoldSeconds: body.minHoldSeconds,
          partnerId: params.partnerId,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setBrokerSymbolRemuneration',
    method: 'PUT',
    path: '/v1/remuneration/:accountType/symbols/:symbol',
    tag: 'commands',
    summary: 'Set the broker-wide USD per lot of one symbol of an account type (set-remuneration)',
    access: staff('admin'),
    params: AccountTypeSymbolPath,
    query: NoQuery,
    body: { kind: 'json', codec: RemunerationBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-remuneration',
          accountType: params.accountType,
          usdPerLot: body.usdPerLot,
          partnerId: undefined,
          symbol: params.symbol,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setPartnerSymbolRemuneration',
    method: 'PUT',
    path: '/v1/partners/:partnerId/remuneration/:accountType/symbols/:symbol',
    tag: 'commands',
    summary:
      "Set a partner's own USD per lot of one symbol of an account type (set-remuneration with partnerId and symbol)",
    access: staff('admin'),
    params: PartnerAccountTypeSymbolPath,
    query: NoQuery,
    body: { kind: 'json', codec: RemunerationBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-remuneration',
          accountType: params.accountType,
          usdPerLot: body.usdPerLot,
          partnerId: params.partnerId,
          symbol: params.symbol,
          at: context.now(),
        },
        command,
      ),
  }),
];

const overrideRoutes = [
  route({
    id: 'setDefaultOverrideRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/override-rate',
    tag: 'commands',
    summary:
      "Set the partner's default override rate on its direct sub-partners' rebates (set-override-rate)",
    access: ownPartner,
    params: PartnerPath,
    query: NoQuery,
    body: { kind: 'json', codec: OverrideRateBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-override-rate',
          partnerId: params.partnerId,
          percent: body.percent,
          childId: undefined,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setChildOverrideRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/sub-partners/:childId/override-rate',
    tag: 'commands',
    summary:
      "Set the partner's override rate on one direct sub-partner (set-override-rate with childId)",
    access: ownPartner,
    params: PartnerChildPath,
    query: NoQuery,
    body: { kind: 'json', codec: OverrideRateBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'not-sub-partner', 'back-dated'],
    handle: ({ params, body, command, principal }, context) =>
      executeCommand(
        context,
        {
          type: 'set-override-rate',
          partnerId: params.partnerId,
          percent: body.percent,
          childId: params.childId,
          at: context.now(),
        },
        command,
        undefined,
        principal,
      ),
  }),
];

const resultRoutes = [
  route({
    id: 'payoutCompleted',
    method: 'POST',
    path: '/v1/payouts/:payoutId/completed',
    tag: 'commands',
    summary: 'Record that the payout service paid a payout (payout-completed)',
    access: staff('admin'),
    params: PayoutPath,
    query: NoQuery,
    body: { kind: 'json', codec: EmptyBody, optional: true },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-payout', 'conflicting-result'],
    handle: ({ params, command }, context) =>
      executeCommand(
        context,
        { type: 'payout-completed', payoutId: params.payoutId, at: context.now() },
        command,
      ),
  }),
  route({
    id: 'payoutFailed',
    method: 'POST',
    path: '/v1/payouts/:payoutId/failed',
    tag: 'commands',
    summary: 'Record that a payout failed; its amount returns to the balances (payout-failed)',
    access: staff('admin'),
    params: PayoutPath,
    query: NoQuery,
    body: { kind: 'json', codec: PayoutFailedBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-payout', 'conflicting-result'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'payout-failed',
          payoutId: params.payoutId,
          reason: body.reason,
          at: context.now(),
        },
        command,
      ),
  }),
];

export const rulesV2Routes = [...settingRoutes, ...overrideRoutes, ...resultRoutes];
