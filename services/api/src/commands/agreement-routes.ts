import { staff } from '../auth/access';
import {
  NoQuery,
  PartnerAccountTypePath,
  PartnerPath,
  AccountTypePath,
  NoParams,
} from '../routes/path-params';
import { route } from '../routes/route';
import { AttachClientBody, RegisterPartnerBody, RemunerationBody } from './bodies';
import { commandAnswered, commandCreated } from './command-responses';
import { executeCommand } from './execute-command';

/** Registration, attachment and remuneration: the broker's side of an agreement (admin). */
export const agreementRoutes = [
  route({
    id: 'registerPartner',
    method: 'POST',
    path: '/v1/partners',
    tag: 'commands',
    summary: 'Register a partner with its cooperation model (register-partner)',
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: RegisterPartnerBody },
    idempotent: true,
    responses: [commandCreated, commandAnswered],
    problems: ['already-registered', 'back-dated', 'unknown-partner'],
    handle: ({ body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'register-partner',
          partnerId: body.partnerId,
          model: body.model,
          parentId: body.parentId,
          at: context.now(),
        },
        command,
        `/v1/partners/${encodeURIComponent(body.partnerId)}`,
      ),
  }),
  route({
    id: 'attachClient',
    method: 'POST',
    path: '/v1/partners/:partnerId/clients',
    tag: 'commands',
    summary: 'Attach a client to the partner, from now on (attach-client)',
    access: staff('admin'),
    params: PartnerPath,
    query: NoQuery,
    body: { kind: 'json', codec: AttachClientBody },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['unknown-partner', 'back-dated'],
    handle: ({ params, body, command }, context) =>
      executeCommand(
        context,
        {
          type: 'attach-client',
          partnerId: params.partnerId,
          clientId: body.clientId,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setBrokerRemuneration',
    method: 'PUT',
    path: '/v1/remuneration/:accountType',
    tag: 'commands',
    summary: 'Set the broker-wide USD per lot of an account type (set-remuneration)',
    access: staff('admin'),
    params: AccountTypePath,
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
          symbol: undefined,
          at: context.now(),
        },
        command,
      ),
  }),
  route({
    id: 'setPartnerRemuneration',
    method: 'PUT',
    path: '/v1/partners/:partnerId/remuneration/:accountType',
    tag: 'commands',
    summary:
      "Set a partner's own USD per lot of an account type, overriding the broker's (set-remuneration with partnerId)",
    access: staff('admin'),
    params: PartnerAccountTypePath,
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
          symbol: undefined,
          at: context.now(),
        },
        command,
      ),
  }),
];
