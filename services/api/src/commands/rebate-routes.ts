import { partnerOr } from '../auth/access';
import { NoQuery, PartnerClientPath, PartnerPath } from '../routes/path-params';
import { type ApiRoute, route } from '../routes/route';
import { RebateRateBody } from './bodies';
import { commandAnswered } from './command-responses';
import { executeCommand } from './execute-command';

/**
 * A partner's own controls: its default and individual rates, and the suspend / resume /
 * cancel switches, partner-wide or for one client. A partner token may only name itself; admin
 * may act for any partner (support), as it can through the bulk import anyway.
 */

const ownPartner = partnerOr('partner-in-path', 'admin');

const rateRoutes = [
  route({
    id: 'setDefaultRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/rebate-rate',
    tag: 'commands',
    summary: "Set the partner's default rebate rate for all its clients (set-rebate-rate)",
    access: ownPartner,
    params: PartnerPath,
    query: NoQuery,
    body: { kind: 'json', codec: RebateRateBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'not-agent', 'back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'set-rebate-rate',
          partnerId: params.partnerId,
          percent: body.percent,
          clientId: undefined,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setClientRate',
    method: 'PUT',
    path: '/v1/partners/:partnerId/clients/:clientId/rebate-rate',
    tag: 'commands',
    summary: "Set one client's individual rebate rate (set-rebate-rate with clientId)",
    access: ownPartner,
    params: PartnerClientPath,
    query: NoQuery,
    body: { kind: 'json', codec: RebateRateBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'not-agent', 'back-dated', 'unknown-client', 'not-attached'],
    handle: ({ params, body, command, principal }, context) =>
      executeCommand(
        context,
        {
          type: 'set-rebate-rate',
          partnerId: params.partnerId,
          percent: body.percent,
          clientId: params.clientId,
          at: context.now(),
        },
        command,
        undefined,
        principal,
      ),
  }),
];

const switches = [
  { type: 'suspend-rebates', verb: 'suspend', what: 'Suspend rebates' },
  { type: 'resume-rebates', verb: 'resume', what: 'Resume rebates' },
  { type: 'cancel-rebates', verb: 'cancel', what: 'Cancel the rebate agreement' },
] as const;

const switchRoutes = switches.flatMap(({ type, verb, what }): ApiRoute[] => [
  route({
    id: `${verb}PartnerRebates`,
    method: 'POST',
    path: `/v1/partners/:partnerId/${type}`,
    tag: 'commands',
    summary: `${what} partner-wide (${type})`,
    access: ownPartner,
    params: PartnerPath,
    query: NoQuery,
    body: { kind: 'none' },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'not-agent', 'back-dated'],
    handle: ({ params, command }, context) =>
      executeCommand(
        context,
        { type, partnerId: params.partnerId, clientId: undefined, at: context.now() },
        command,
      ),
  }),
  route({
    id: `${verb}ClientRebates`,
    method: 'POST',
    path: `/v1/partners/:partnerId/clients/:clientId/${type}`,
    tag: 'commands',
    summary: `${what} for one client (${type} with clientId)`,
    access: ownPartner,
    params: PartnerClientPath,
    query: NoQuery,
    body: { kind: 'none' },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'not-agent', 'back-dated', 'unknown-client', 'not-attached'],
    handle: ({ params, command, principal }, context) =>
      executeCommand(
        context,
        { type, partnerId: params.partnerId, clientId: params.clientId, at: context.now() },
        command,
        undefined,
        principal,
      ),
  }),
]);

export const rebateRoutes: readonly ApiRoute[] = [...rateRoutes, ...switchRoutes];
