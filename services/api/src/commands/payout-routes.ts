import { staff } from '../auth/access';
import { NoParams, NoQuery } from '../routes/path-params';
import { route } from '../routes/route';
import { PayoutRunBody } from './bodies';
import { commandAnswered } from './command-responses';
import { executeCommand } from './execute-command';

export const payoutRoutes = [
  route({
    id: 'runPayouts',
    method: 'POST',
    path: '/v1/payout-runs',
    tag: 'commands',
    summary:
      'Pay every unsuspended client its balance rounded down to cents, if at least minimumUsd (run-payouts)',
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'json', codec: PayoutRunBody, optional: true },
    idempotent: true,
    responses: [commandAnswered],
    problems: ['projections-behind'],
    handle: ({ body, command }, context) =>
      executeCommand(
        context,
        { type: 'run-payouts', minimumUsd: body.minimumUsd, runId: undefined, at: context.now() },
        command,
      ),
  }),
];
