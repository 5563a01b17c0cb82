import { staff } from '../auth/access';
import { NoParams, NoQuery } from '../routes/path-params';
import * as t from 'io-ts';
import { route } from '../routes/route';
import { importLines } from './bulk-import';
import { bulkAnswered } from './command-responses';

/**
 * The body as bytes: each line is decoded (strict UTF-8, then JSON) on its own, so one bad line
 * is reported in place.
 */
const NdjsonBytes = new t.Type<Uint8Array, Uint8Array, unknown>(
  'NdjsonBytes',
  (u): u is Uint8Array => u instanceof Uint8Array,
  (u, c) => (u instanceof Uint8Array ? t.success(u) : t.failure(u, c, 'must be NDJSON text')),
  (bytes) => bytes,
);

export const bulkRoutes = [
  route({
    id: 'importCommands',
    method: 'POST',
    path: '/v1/commands',
    tag: 'commands',
    summary: "Bulk import: the rules' input lines as NDJSON, applied in order with their own `at`",
    access: staff('admin'),
    params: NoParams,
    query: NoQuery,
    body: { kind: 'ndjson', codec: NdjsonBytes },
    idempotent: true,
    responses: [bulkAnswered],
    problems: ['unsupported-media-type', 'payload-too-large'],
    handle: async ({ body, command, journal, request }, context) => ({
      status: 200,
      body: await importLines(context, body, command, {
        maxLines: context.limits.bulkMaxLines,
        journal,
        request,
      }),
    }),
  }),
];
