import type { ReactNode } from 'react';
import { asProblem, isMissingRoute } from '../api/problem';
import type { Problem } from '../api/types';

export const Loading = ({ what }: { what: string }) => (
  <p className="loading" role="status" aria-live="polite">
    Loading {what}…
  </p>
);

export const Empty = ({ children }: { children: ReactNode }) => <p className="empty">{children}</p>;

/** An API problem with its detail and the field it names, as the API said it. */
export const ProblemView = ({ error }: { error: unknown }) => {
  const problem: Problem = asProblem(error);
  if (problem.status === 403) return <NotYours problem={problem} />;
  if (isMissingRoute(problem)) {
    return (
      <div className="problem missing" role="alert">
        <h2>Not available yet</h2>
        <p>
          This service does not offer this report yet (the API answered {problem.status}:{' '}
          {problem.detail}). It appears here once the service is upgraded.
        </p>
      </div>
    );
  }
  return (
    <div className="problem" role="alert">
      <h2>{problem.title}</h2>
      <p>{problem.detail}</p>
      <dl>
        <dt>Status</dt>
        <dd>{problem.status}</dd>
        <dt>Code</dt>
        <dd>{problem.code}</dd>
        {problem.field !== undefined && (
          <>
            <dt>Field</dt>
            <dd className="field">{problem.field}</dd>
          </>
        )}
      </dl>
    </div>
  );
};

/** A 403: someone else's partner or client. Nothing of it is shown. */
export const NotYours = ({ problem }: { problem?: Problem }) => (
  <div className="problem not-yours" role="alert">
    <h2>Not yours</h2>
    <p>
      This page belongs to another partner, so it shows no data. Use the menu to go back to your own
      pages.
    </p>
    {problem !== undefined && <p className="detail">{problem.detail}</p>}
  </div>
);
