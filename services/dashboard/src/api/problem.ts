import type { Problem } from './types';

/** Every failed call becomes one of these: the API's problem+json, or one made up for the network. */
export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(`${problem.title}: ${problem.detail}`);
  }
}

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Problem).status === 'number' &&
  typeof (value as Problem).title === 'string';

export const problemOf = (status: number, body: unknown): ApiProblem =>
  new ApiProblem(
    isProblem(body)
      ? body
      : {
          type: 'about:blank',
          title: status === 0 ? 'The service cannot be reached' : `HTTP ${status}`,
          status,
          detail: typeof body === 'string' && body.length > 0 ? body : 'No detail was given.',
          code: status === 0 ? 'network' : 'unexpected-answer',
        },
  );

export const asProblem = (error: unknown): Problem =>
  error instanceof ApiProblem
    ? error.problem
    : {
        type: 'about:blank',
        title: 'Something went wrong in the dashboard',
        status: 0,
        detail: error instanceof Error ? error.message : String(error),
        code: 'client-error',
      };

/** A route another team is still building answers 404 `not-found` ("no endpoint ..."). */
export const isMissingRoute = (problem: Problem): boolean =>
  problem.status === 404 && problem.code === 'not-found';
