import type { Command } from '@rebate/domain';
import type { CommandOutcome } from '@rebate/ledger';
import type { Principal } from '../auth/principal';
import type { CommandIds, RouteReply } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import { replyOf } from './outcome-reply';

/**
 * No probing: a partner naming a client that does not exist, and one naming another partner's
 * client, get the same answer (422 not-attached, the same words), so it cannot learn which
 * client ids exist; likewise a child that does not exist and a partner that is not its direct
 * sub-partner (422 not-sub-partner). Staff keep the precise code.
 */
export const concealFromPartner = (
  outcome: CommandOutcome,
  command: Command,
  principal: Principal | undefined,
): CommandOutcome => {
  if (principal?.role !== 'partner' || outcome.kind !== 'rejected') return outcome;
  const { code } = outcome.rejection;
  if (command.type === 'set-override-rate' && command.childId !== undefined) {
    if (code !== 'unknown-partner' && code !== 'not-sub-partner') return outcome;
    return {
      kind: 'rejected',
      rejection: {
        code: 'not-sub-partner',
        reason: `partner ${command.childId} is not a direct sub-partner of partner ${principal.partnerId}`,
        field: 'childId',
      },
    };
  }
  if (code !== 'unknown-client' && code !== 'not-attached') return outcome;
  const clientId = 'clientId' in command ? command.clientId : undefined;
  return {
    kind: 'rejected',
    rejection: {
      code: 'not-attached',
      reason: `client ${clientId ?? ''} is not attached to partner ${principal.partnerId}`,
      field: 'clientId',
    },
  };
};

/** Runs one command through the ledger and answers with its outcome. */
export const executeCommand = async (
  context: RouteContext,
  command: Command,
  ids: CommandIds,
  location?: string,
  principal?: Principal,
): Promise<RouteReply> =>
  replyOf(
    concealFromPartner(await context.commands.execute(command, ids), command, principal),
    ids.commandId,
    location,
  );
