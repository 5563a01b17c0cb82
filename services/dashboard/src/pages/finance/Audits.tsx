import { useState } from 'react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, unwrap } from '../../api/client';
import type { Schemas } from '../../api/types';
import { ProblemView } from '../../components/States';

type AuditJob = Schemas['AuditJob'];
type AuditScope = Schemas['AuditScope'];

/** How often a running audit job is read again. */
const POLL_MS = 1000;

/**
 * `POST /v1/audits` starts a job (202, its Location); the page reads `GET /v1/audits/{id}`
 * every second until the job has succeeded (the report) or failed (the problem). Jobs live in
 * the API process: one lost to a restart answers 404, and running the audit again is safe.
 */
export const Audits = () => {
  const [partnerId, setPartnerId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const start = useMutation({
    mutationFn: (scope: AuditScope) => unwrap(api.POST('/v1/audits', { body: scope })),
  });
  const jobId = start.data?.id;
  const job = useQuery({
    queryKey: ['audit-job', jobId],
    enabled: jobId !== undefined,
    queryFn: () =>
      unwrap(api.GET('/v1/audits/{auditId}', { params: { path: { auditId: jobId ?? '' } } })),
    refetchInterval: (query) =>
      (query.state.data as AuditJob | undefined)?.status === 'succeeded' ||
      (query.state.data as AuditJob | undefined)?.status === 'failed'
        ? false
        : POLL_MS,
  });
  const current: AuditJob | undefined = job.data ?? start.data;
  const running = start.isPending || current?.status === 'running';
  const report = current?.status === 'succeeded' ? current.report : undefined;
  const run = () =>
    start.mutate({
      ...(partnerId.trim() === '' ? {} : { partnerId: partnerId.trim() }),
      ...(from === '' ? {} : { from }),
      ...(to === '' ? {} : { to }),
    });
  return (
    <>
      <header className="page-header">
        <h1>Audits</h1>
      </header>
      <p>
        An audit verifies the tamper-evident event chain from the first event, replays every event,
        re-derives each accrual, reversal and payout from the rules and compares the totals with the
        read models. A scope (a partner, trade close days) limits the rule discrepancies reported;
        the whole chain is still verified and the whole ledger replayed.
      </p>
      <form
        className="card"
        onSubmit={(event) => {
          event.preventDefault();
          run();
        }}
      >
        <label>
          Partner
          <input value={partnerId} onChange={(e) => setPartnerId(e.target.value)} />
        </label>
        <label>
          From
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={running}>
          {running ? 'Auditing…' : 'Run an audit'}
        </button>
      </form>
      {running && (
        <p role="status" className="loading">
          {current?.progress?.phase === 'queued'
            ? 'Waiting for the audit before it…'
            : current?.progress?.phase === 'comparing'
              ? 'Comparing with the read models…'
              : `Replaying the ledger… ${current?.progress?.eventsReplayed ?? 0} events`}
        </p>
      )}
      {start.isError && <ProblemView error={start.error} />}
      {job.isError && <ProblemView error={job.error} />}
      {current?.status === 'failed' && current.problem !== undefined && (
        <p role="alert" className="notice negative">
          The audit failed: {current.problem.title}. {current.problem.detail}
        </p>
      )}
      {report !== undefined && (
        <section aria-labelledby="audit-report" className="card">
          <h2 id="audit-report">
            Report:{' '}
            <span data-testid="audit-verdict" className={report.consistent ? 'ok' : 'negative'}>
              {report.consistent ? 'passed' : 'failed'}
            </span>
          </h2>
          <dl className="figures">
            <div>
              <dt>Up to position</dt>
              <dd>{report.position ?? '—'}</dd>
            </div>
            <div>
              <dt>Events</dt>
              <dd>{report.events}</dd>
            </div>
            <div>
              <dt>Accruals checked</dt>
              <dd>{report.accrualsChecked}</dd>
            </div>
            <div>
              <dt>Reversals checked</dt>
              <dd>{report.reversalsChecked}</dd>
            </div>
            <div>
              <dt>Payouts checked</dt>
              <dd>{report.payoutsChecked}</dd>
            </div>
            <div>
              <dt>Partners / clients</dt>
              <dd>
                {report.partners} / {report.clients}
              </dd>
            </div>
          </dl>
          <p data-testid="audit-chain" className={report.chain.verified ? 'ok' : 'negative'}>
            {report.chain.verified
              ? `Event chain verified: ${report.chain.eventsVerified} events from the first` +
                (report.chain.head === null ? '' : `, head ${report.chain.head.position}`)
              : `Event chain broken at position ${report.chain.firstBad?.position ?? '?'}` +
                (report.chain.firstBad === null
                  ? ''
                  : ` (${report.chain.firstBad.problem}: ${report.chain.firstBad.detail})`)}
          </p>
          {report.concurrentWrites && (
            <p className="notice">Events were written during the audit; run it again to be sure.</p>
          )}
          {report.differences.length > 0 && (
            <table>
              <caption>Read models that differ from the replay</caption>
              <thead>
                <tr>
                  <th scope="col">Of</th>
                  <th scope="col">Field</th>
                  <th scope="col">Replayed</th>
                  <th scope="col">Read model</th>
                </tr>
              </thead>
              <tbody>
                {report.differences.map((d) => (
                  <tr key={`${d.kind}/${d.id}/${d.field}`}>
                    <th scope="row">
                      <Link
                        to={
                          d.kind === 'partner'
                            ? `/partners/${encodeURIComponent(d.id)}`
                            : `/clients/${encodeURIComponent(d.id)}`
                        }
                      >
                        {d.kind} {d.id}
                      </Link>
                    </th>
                    <td>{d.field}</td>
                    <td className="num">{d.replayed ?? '—'}</td>
                    <td className="num">{d.readModel ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.ruleDiscrepancies.length > 0 && (
            <table>
              <caption>Events whose recorded figures the rules do not give</caption>
              <thead>
                <tr>
                  <th scope="col">Event (stream @ position)</th>
                  <th scope="col">Field</th>
                  <th scope="col">Recorded</th>
                  <th scope="col">Expected</th>
                </tr>
              </thead>
              <tbody>
                {report.ruleDiscrepancies.map((d) => (
                  <tr key={`${d.position}/${d.field}`}>
                    <th scope="row">
                      <code>
                        {d.streamId} @ {d.position}
                      </code>
                    </th>
                    <td>{d.field}</td>
                    <td className="num">{d.recorded}</td>
                    <td className="num">{d.expected}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </>
  );
};
