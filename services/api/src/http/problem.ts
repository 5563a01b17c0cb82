import * as t from 'io-ts';

/**
 * RFC 9457 problem details (`application/problem+json`). `code` repeats the last segment of
 * `type` so clients can switch on it; `field` names the input at fault when there is one.
 */
export const Problem = t.intersection(
  [
    t.type({ type: t.string, title: t.string, status: t.number, detail: t.string, code: t.string }),
    t.partial({ field: t.string, instance: t.string }),
  ],
  'Problem',
);
export type Problem = t.TypeOf<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** Thrown anywhere in a request; the error handler answers with its problem. */
export class ProblemError extends Error {
  override readonly name = 'ProblemError';
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}
