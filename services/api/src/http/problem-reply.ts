import type { RouteReply } from '../routes/route';
import { PROBLEM_CONTENT_TYPE, type Problem } from './problem';

export const problemReply = (problem: Problem): RouteReply => ({
  status: problem.status,
  body: problem,
  contentType: PROBLEM_CONTENT_TYPE,
});
