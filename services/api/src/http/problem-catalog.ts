import type { Rejection, RejectionCode } from '@rebate/domain';
import { type Problem, ProblemError } from './problem';

/**
 * Every problem the API answers with, and its status. Business rejections keep the domain's
 * code, so the mapping from `Rejection.code` to HTTP is this one table.
 */
const catalog = {
  'invalid-input': { status: 400, title: 'The input is not valid' },
  unauthenticated: { status: 401, title: 'A valid bearer token is required' },
  forbidden: { status: 403, title: 'Not allowed for this token' },
  'not-found': { status: 404, title: 'No such resource' },
  'unknown-partner': { status: 404, title: 'Unknown partner' },
  'unknown-client': { status: 404, title: 'Unknown client' },
  'unknown-trade': { status: 404, title: 'Unknown trade' },
  'request-timeout': { status: 408, title: 'The request was not received in time' },
  'already-registered': { status: 409, title: 'Partner already registered' },
  'conflicting-trade': { status: 409, title: 'Same trade id with different content' },
  'back-dated': { status: 409, title: 'Command is back-dated' },
  'concurrent-update': {
    status: 409,
    title: 'Another request changed the same data at the same time; retry',
  },
  'idempotency-key-in-use': {
    status: 409,
    title: 'A request with this Idempotency-Key is still being processed; retry',
  },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'uri-too-long': { status: 414, title: 'The request URL is too long' },
  'unsupported-media-type': { status: 415, title: 'Unsupported content type' },
  'not-agent': { status: 422, title: 'Rebates require the agent model' },
  'not-attached': { status: 422, title: 'Client not attached to this partner' },
  'not-sub-partner': { status: 422, title: 'Not a direct sub-partner of this partner' },
  'conflicting-run': { status: 409, title: 'Payout run id already taken by a different run' },
  'unknown-payout': { status: 404, title: 'Unknown payout' },
  'conflicting-result': { status: 409, title: 'Payout result contradicts the recorded one' },
  'idempotency-key-reused': {
    status: 422,
    title: 'Idempotency-Key already used for a different request',
  },
  'too-many-audits': { status: 429, title: 'Too many audits are waiting; retry later' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  'store-unavailable': { status: 503, title: 'The database is unavailable; retry' },
  'projections-behind': { status: 503, title: 'The read models are not caught up' },
  'position-not-reached': { status: 504, title: 'The read models did not reach minPosition' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof catalog;
export const problemCodes = Object.keys(catalog) as ProblemCode[];

/** Rejection codes are problem codes: typed so a new domain code cannot be forgotten. */
const problemOfRejection: Record<RejectionCode, ProblemCode> = {
  'invalid-input': 'invalid-input',
  'unknown-partner': 'unknown-partner',
  'unknown-client': 'unknown-client',
  'unknown-trade': 'unknown-trade',
  'already-registered': 'already-registered',
  'conflicting-trade': 'conflicting-trade',
  'back-dated': 'back-dated',
  'not-agent': 'not-agent',
  'not-attached': 'not-attached',
  'not-sub-partner': 'not-sub-partner',
  'conflicting-run': 'conflicting-run',
  'unknown-payout': 'unknown-payout',
  'conflicting-result': 'conflicting-result',
};

export const statusOf = (code: ProblemCode): number => catalog[code].status;

export const problemTypeUri = (code: ProblemCode): string => `/problems/${code}`;

export const problem = (
  code: ProblemCode,
  detail: string,
  extra: { field?: string | undefined; instance?: string | undefined } = {},
): Problem => ({
  type: problemTypeUri(code),
  title: catalog[code].title,
  status: catalog[code].status,
  detail,
  code,
  ...(extra.field === undefined ? {} : { field: extra.field }),
  ...(extra.instance === undefined ? {} : { instance: extra.instance }),
});

export const fail = (
  code: ProblemCode,
  detail: string,
  extra?: { field?: string | undefined },
): never => {
  throw new ProblemError(problem(code, detail, extra));
};

/** A domain rejection as a problem, with the field the domain says it is about. */
export const rejectionProblem = (rejection: Rejection): Problem =>
  problem(problemOfRejection[rejection.code], rejection.reason, { field: rejection.field });
