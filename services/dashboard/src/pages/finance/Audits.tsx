import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { request } from '../../api/client';
import type { AuditReport } from '../../api/types';
import { ProblemView } from '../../components/States';

interface AuditJob {
  readonly status: string;
  readonly report?: AuditReport;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `POST /v1/audits` answers the report; a large audit may answer 202 with a status resource
 * (issue 12), which is polled until it has the report.
 */
const runAudit = async (): Promise<AuditReport> => {
  const first = await request<AuditReport | AuditJob>('POST', '/v1/audits');
  if (first.status !== 202) return first.data as AuditReport;
  const location = first.headers.get('location');
  if (location === null) throw new Error('the audit job answered 202 without a Location');
  for (;;) {
    await sleep(1000);
    const job = (await request<AuditJob>('GET', location)).data;
    if (job.report !== undefined) return job.report;
    if (job.status === 'failed') throw new Error('the audit job failed');
  }
};

export const Audits = () => {
  const audit = useMutation({ mutationFn: runAudit });
  const report = audit.data;
  return (
    <>
      <header className="page-header">
        <h1>Audits</h1>
      </header>
      <p>
        An audit replays every event, re-derives each accrual, reversal and payout from the rules
        and compares the totals with the read models.
      </p>
      <button
        type="button"
        className="primary"
        onClick={() => audit.mutate()}
        disabled={audit.isPending}
      >
        {audit.isPending ? 'Auditing…' : 'Run an audit'}
      </button>
      {audit.isPending && (
        <p role="status" className="loading">
          Replaying the ledger…
        </p>
      )}
      {audit.isError && <ProblemView error={audit.error} />}
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
