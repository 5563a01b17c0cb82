import { partnerOr, staff } from '../auth/access';
import {
  AccountTypePath,
  AccountTypeSymbolPath,
  NoParams,
  PartnerAccountTypePath,
  PartnerAccountTypeSymbolPath,
  PartnerChildPath,
  PartnerClientPath,
  PartnerPath,
  PayoutPath,
} from '../routes/path-params';
import type { ApiRoute } from '../routes/route';
import {
  AttachClientBody,
  EmptyBody,
  OverrideRateBody,
  PayoutFailedBody,
  PayoutHoldBody,
  QualificationBody,
  RebateRateBody,
  RegisterPartnerBody,
  RemunerationBody,
} from './bodies';
import { commandRoute } from './command-route';
import { commandAnswered, commandCreated } from './command-responses';
import { payoutRoutes } from './payout-routes';

/**
 * The command resources: one row each (binding, roles, command type, path and body), one
 * generic handler (`commandRoute`). Path parameters carry the command fields of their name.
 * The broker's settings are admin's; a partner's own controls (rates, switches, override
 * rates) take a partner token naming itself, or admin acting for it (support), as the bulk
 * import allows anyway. The domain refuses an override child that is not a direct sub-partner.
 */

const admin = staff('admin');
const ownPartner = partnerOr('partner-in-path', 'admin');
const none = { kind: 'none' } as const;

/** Registration, attachment and remuneration: the broker's side of an agreement. */
const agreementCommands = [
  commandRoute({
    id: 'registerPartner',
    method: 'POST',
    path: '/v1/partners',
    summary: 'Register a partner with its cooperation model (register-partner)',
    access: admin,
    command: 'register-partner',
    params: NoParams,
    body: { kind: 'json', codec: RegisterPartnerBody },
    responses: [commandCreated, commandAnswered],
    problems: ['already-registered', 'back-dated', 'unknown-partner'],
    location: (command) => `/v1/partners/${encodeURIComponent(command.partnerId)}`,
  }),
  commandRoute({
    id: 'attachClient',
    method: 'POST',
    path: '/v1/partners/:partnerId/clients',
    summary: 'Attach a client to the partner, from now on (attach-client)',
    access: admin,
    command: 'attach-client',
    params: PartnerPath,
    body: { kind: 'json', codec: AttachClientBody },
    problems: ['unknown-partner', 'back-dated'],
  }),
  commandRoute({
    id: 'setBrokerRemuneration',
    method: 'PUT',
    path: '/v1/remuneration/:accountType',
    summary: 'Set the broker-wide USD per lot of an account type (set-remuneration)',
    access: admin,
    command: 'set-remuneration',
    params: AccountTypePath,
    body: { kind: 'json', codec: RemunerationBody },
    problems: ['back-dated'],
  }),
  commandRoute({
    id: 'setPartnerRemuneration',
    method: 'PUT',
    path: '/v1/partners/:partnerId/remuneration/:accountType',
    summary:
      "Set a partner's own USD per lot of an account type, overriding the broker's (set-remuneration with partnerId)",
    access: admin,
    command: 'set-remuneration',
    params: PartnerAccountTypePath,
    body: { kind: 'json', codec: RemunerationBody },
    problems: ['unknown-partner', 'back-dated'],
  }),
];

const partnerProblems = ['unknown-partner', 'not-agent', 'back-dated'] as const;
const clientProblems = [...partnerProblems, 'unknown-client', 'not-attached'] as const;

/** A partner's own rates: its default, and one client's individual rate. */
const rateCommands = [
  commandRoute({
    id: 'setDefaultRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/rebate-rate',
    summary: "Set the partner's default rebate rate for all its clients (set-rebate-rate)",
    access: ownPartner,
    command: 'set-rebate-rate',
    params: PartnerPath,
    body: { kind: 'json', codec: RebateRateBody },
    problems: partnerProblems,
  }),
  commandRoute({
    id: 'setClientRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/clients/:clientId/rebate-rate',
    summary: "Set one client's individual rebate rate (set-rebate-rate with clientId)",
    access: ownPartner,
    command: 'set-rebate-rate',
    params: PartnerClientPath,
    body: { kind: 'json', codec: RebateRateBody },
    problems: clientProblems,
  }),
];

const switches = [
  { type: 'suspend-rebates', verb: 'suspend', what: 'Suspend rebates' },
  { type: 'resume-rebates', verb: 'resume', what: 'Resume rebates' },
  { type: 'cancel-rebates', verb: 'cancel', what: 'Cancel the rebate agreement' },
] as const;

/** The suspend / resume / cancel switches, partner-wide or for one client. */
const switchCommands = switches.flatMap(({ type, verb, what }): ApiRoute[] => [
  commandRoute({
    id: `${verb}PartnerRebates`,
    method: 'POST',
    path: `/v1/partners/:partnerId/${type}`,
    summary: `${what} partner-wide (${type})`,
    access: ownPartner,
    command: type,
    params: PartnerPath,
    body: none,
    problems: partnerProblems,
  }),
  commandRoute({
    id: `${verb}ClientRebates`,
    method: 'POST',
    path: `/v1/partners/:partnerId/clients/:clientId/${type}`,
    summary: `${what} for one client (${type} with clientId)`,
    access: ownPartner,
    command: type,
    params: PartnerClientPath,
    body: none,
    problems: clientProblems,
  }),
]);

/** Rules v2 (sections 9-11): the payout hold, qualification and per-symbol remuneration. */
const settingCommands = [
  commandRoute({
    id: 'setPayoutHold',
    method: 'PUT',
    path: '/v1/payout-hold',
    summary: 'Set how many days an accrual is held before it may be paid (set-payout-hold)',
    access: admin,
    command: 'set-payout-hold',
    params: NoParams,
    body: { kind: 'json', codec: PayoutHoldBody },
    problems: ['back-dated'],
  }),
  commandRoute({
    id: 'setBrokerQualification',
    method: 'PUT',
    path: '/v1/qualification',
    summary: 'Set the broker-wide minimum hold time of a qualifying trade (set-qualification)',
    access: admin,
    command: 'set-qualification',
    params: NoParams,
    body: { kind: 'json', codec: QualificationBody },
    problems: ['back-dated'],
  }),
  commandRoute({
    id: 'setPartnerQualification',
    method: 'PUT',
    path: '/v1/partners/:partnerId/qualification',
    summary: "Set a partner's own minimum hold time (set-qualification with partnerId)",
    access: admin,
    command: 'set-qualification',
    params: PartnerPath,
    body: { kind: 'json', codec: QualificationBody },
    problems: ['unknown-partner', 'back-dated'],
  }),
  commandRoute({
    id: 'setBrokerSymbolRemuneration',
    method: 'PUT',
    path: '/v1/remuneration/:accountType/symbols/:symbol',
    summary: 'Set the broker-wide USD per lot of one symbol of an account type (set-remuneration)',
    access: admin,
    command: 'set-remuneration',
    params: AccountTypeSymbolPath,
    body: { kind: 'json', codec: RemunerationBody },
    problems: ['back-dated'],
  }),
  commandRoute({
    id: 'setPartnerSymbolRemuneration',
    method: 'PUT',
    path: '/v1/partners/:partnerId/remuneration/:accountType/symbols/:symbol',
    summary:
      "Set a partner's own USD per lot of one symbol of an account type (set-remuneration with partnerId and symbol)",
    access: admin,
    command: 'set-remuneration',
    params: PartnerAccountTypeSymbolPath,
    body: { kind: 'json', codec: RemunerationBody },
    problems: ['unknown-partner', 'back-dated'],
  }),
];

/** Rules v2 (section 12): override rates on the partner's direct sub-partners. */
const overrideCommands = [
  commandRoute({
    id: 'setDefaultOverrideRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/override-rate',
    summary:
      "Set the partner's default override rate on its direct sub-partners' rebates (set-override-rate)",
    access: ownPartner,
    command: 'set-override-rate',
    params: PartnerPath,
    body: { kind: 'json', codec: OverrideRateBody },
    problems: ['unknown-partner', 'back-dated'],
  }),
  commandRoute({
    id: 'setChildOverrideRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/sub-partners/:childId/override-rate',
    summary:
      "Set the partner's override rate on one direct sub-partner (set-override-rate with childId)",
    access: ownPartner,
    command: 'set-override-rate',
    params: PartnerChildPath,
    body: { kind: 'json', codec: OverrideRateBody },
    problems: ['unknown-partner', 'not-sub-partner', 'back-dated'],
  }),
];

/** Rules v2 (section 13): the payout service's results. */
const resultCommands = [
  commandRoute({
    id: 'payoutCompleted',
    method: 'POST',
    path: '/v1/payouts/:payoutId/completed',
    summary: 'Record that the payout service paid a payout (payout-completed)',
    access: admin,
    command: 'payout-completed',
    params: PayoutPath,
    body: { kind: 'json', codec: EmptyBody, optional: true },
    problems: ['unknown-payout', 'conflicting-result'],
  }),
  commandRoute({
    id: 'payoutFailed',
    method: 'POST',
    path: '/v1/payouts/:payoutId/failed',
    summary: 'Record that a payout failed; its amount returns to the balances (payout-failed)',
    access: admin,
    command: 'payout-failed',
    params: PayoutPath,
    body: { kind: 'json', codec: PayoutFailedBody },
    problems: ['unknown-payout', 'conflicting-result'],
  }),
];

/** Every command resource but the trade intake and the bulk import, in the document's order. */
export const commandTable: readonly ApiRoute[] = [
  ...agreementCommands,
  ...rateCommands,
  ...switchCommands,
  ...payoutRoutes,
  ...settingCommands,
  ...overrideCommands,
  ...resultCommands,
];
