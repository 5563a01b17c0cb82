import * as t from 'io-ts';
import { isLeft } from 'fp-ts/Either';
import { staff } from '../auth/access';
import { PayoutPreview } from '../queries/payout-answers';
import { NoParams } from '../routes/path-params';
import { route } from '../routes/route';
import { PayoutRunBody } from './bodies';
import { CommandAnswer } from './command-answers';
import { commandFrom } from './command-route';
import { executeCommand } from './execute-command';
import { replyOf } from './outcome-reply';
import { answerPayoutPreview } from './payout-preview';

/** `?dryRun=true` previews; `false` or absent runs for real. */
const DryRunText = t.keyof({ true: null, false: null }, 'DryRunText');
const PayoutRunQuery = t.partial({ dryRun: DryRunText }, 'PayoutRunQuery');

export const payoutRoutes = [
  route({
    id: 'runPayouts',
    method: 'POST',
    path: '/v1/payout-runs',
    tag: 'commands',
    summary:
      'Pay every unsuspended client its balance rounded down to cents, if at least minimumUsd (run-payouts); with dryRun=true, answer what it would pay now and pay nothing',
    access: staff('admin'),
    params: NoParams,
    query: PayoutRunQuery,
    body: { kind: 'json', codec: PayoutRunBody, optional: true },
    idempotent: true,
    // One status, two shapes: OpenAPI keeps one response per status.
    responses: [
      {
        status: 200,
        description:
          'A run: accepted (with the position of its events) or a duplicate (CommandAnswer). dryRun=true: the payouts the run would make now, nothing recorded (PayoutPreview)',
        json: t.union([CommandAnswer, PayoutPreview]),
      },
    ],
    problems: ['projections-behind', 'conflicting-run'],
    handle: async ({ body, query, command }, context) => {
      const run = commandFrom('run-payouts', [PayoutRunBody.encode(body)], context.now());
      if (query.dryRun !== 'true') return executeCommand(context, run, command);
      const preview = await answerPayoutPreview(context.commands, context.payouts, run);
      if (isLeft(preview)) return replyOf({ kind: 'rejected', rejection: preview.left }, '');
      return { status: 200, body: preview.right };
    },
  }),
];
