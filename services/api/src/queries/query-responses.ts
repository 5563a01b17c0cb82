import type * as t from 'io-ts';
import type { ResponseSpec } from '../routes/route';

export const answered = (json: t.Mixed, description: string): ResponseSpec => ({
  status: 200,
  description,
  json,
  headers: { 'Ledger-Position': 'The position the read models had reached when answering' },
});
