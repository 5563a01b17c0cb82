import * as t from 'io-ts';
import type { ResponseSpec } from '../routes/route';
import { BulkAnswer, CommandAnswer, TradeBatchAnswer } from './command-answers';

export const commandAnswered: ResponseSpec = {
  status: 200,
  description: 'Accepted (with the position of its events) or a duplicate of an earlier command',
  json: CommandAnswer,
};

export const commandCreated: ResponseSpec = {
  status: 201,
  description: 'Accepted; Location names the new resource',
  json: CommandAnswer,
  headers: { Location: 'The created resource' },
};

export const bulkAnswered: ResponseSpec = {
  status: 200,
  description: 'One result per non-blank line, in order: accepted, duplicate or rejected',
  json: BulkAnswer,
};

export const tradesAnswered: ResponseSpec = {
  status: 200,
  description:
    'One message: accepted or duplicate (CommandAnswer). An array: one result per item (TradeBatchAnswer)',
  json: t.union([CommandAnswer, TradeBatchAnswer]),
};
