import type { Command } from '@rebate/domain';
import type { CommandIds, RouteReply } from '../routes/route';
import type { RouteContext } from '../routes/route-context';
import { replyOf } from './outcome-reply';

/** Runs one command through the ledger and answers with its outcome. */
export const executeCommand = async (
  context: RouteContext,
  command: Command,
  ids: CommandIds,
  location?: string,
): Promise<RouteReply> =>
  replyOf(await context.commands.execute(command, ids), ids.commandId, location);
