import { useQuery } from '@tanstack/react-query';
import { useId, useMemo, useState } from 'react';
import { api, unwrap } from '../api/client';
import type { Payout, PayoutStatus } from '../api/types';
import { useSession } from '../auth/auth-context';
import { ConfirmButton } from './ConfirmButton';
import { Money } from './Money';
import { Empty, Loading, ProblemView } from './States';
import { Time } from './Time';

export const PAGE_SIZE = 20;
const statuses: readonly PayoutStatus[] = ['requested', 'completed', 'failed'];
const isStatus = (value: string): value is PayoutStatus =>
  (statuses as readonly string[]).includes(value);

export interface PayoutFilter {
  readonly partnerId?: string;
  readonly clientId?: string;
  readonly runId?: string;
}

/** An admin records what the payment provider answered for a payout still requested. */
const ResultButtons = ({ payout }: { payout: Payout }) => {
  const [reason, setReason] = useState('');
  const payoutId = payout.payoutId;
  const what = (
    <p>
      Payout {payoutId}: <Money value={payout.amount} /> USD to {payout.clientId}. A result is
      final; a failure returns the amount to the client&apos;s balance for the next run.
    </p>
  );
  return (
    <div className="row-actions">
      <ConfirmButton
        label={`Mark ${payoutId} completed`}
        text="Completed"
        question={`Record that payout ${payoutId} was paid?`}
        effect={what}
        run={() =>
          unwrap(
            api.POST('/v1/payouts/{payoutId}/completed', {
              params: { path: { payoutId } },
              body: {},
            }),
          )
        }
      />
      <ConfirmButton
        label={`Mark ${payoutId} failed`}
        text="Failed"
        danger
        question={`Record that payout ${payoutId} failed?`}
        effect={what}
        run={() =>
          unwrap(
            api.POST('/v1/payouts/{payoutId}/failed', {
              params: { path: { payoutId } },
              body: { reason },
            }),
          )
        }
      >
        <label>
          Reason (required)
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
      </ConfirmButton>
    </div>
  );
};

/**
 * `GET /v1/payouts` with a status filter (and the caller's fixed filters). The route answers
 * every match at once (it has no cursor), so the table pages through the answer itself,
 * PAGE_SIZE rows a page.
 */
export const PayoutTable = ({ filter = {} }: { filter?: PayoutFilter }) => {
  const role = useSession().claims.role;
  const admin = role === 'admin';
  // A partner's answer holds its own share only (the amount is it); others see every share.
  const shares = role !== 'partner';
  const [status, setStatus] = useState<PayoutStatus | ''>('');
  const [page, setPage] = useState(0);
  const statusId = useId();
  const query = {
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')),
    ...(status === '' ? {} : { status }),
  };
  const payouts = useQuery({
    queryKey: ['payouts', query],
    queryFn: () => unwrap(api.GET('/v1/payouts', { params: { query } })),
  });
  // Newest run first: what an operator just ran is on the first page.
  const items = useMemo(() => [...(payouts.data?.items ?? [])].reverse(), [payouts.data]);
  const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = items.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  return (
    <>
      <div className="inline-form">
        <label htmlFor={statusId}>Payout status</label>
        <select
          id={statusId}
          name="status"
          value={status}
          onChange={(e) => {
            setStatus(isStatus(e.target.value) ? e.target.value : '');
            setPage(0);
          }}
        >
          <option value="">any</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {payouts.isPending ? (
        <Loading what="payouts" />
      ) : payouts.isError ? (
        <ProblemView error={payouts.error} />
      ) : items.length === 0 ? (
        <Empty>No payouts match.</Empty>
      ) : (
        <>
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label="Table (scrolls sideways)"
          >
            <table>
              <caption>
                Payouts, newest run first, USD ({items.length} in all
                {pages > 1 ? `, page ${current + 1} of ${pages}` : ''})
              </caption>
              <thead>
                <tr>
                  <th scope="col">Payout</th>
                  <th scope="col">Client</th>
                  <th scope="col">Amount</th>
                  {shares && <th scope="col">Partners&apos; shares</th>}
                  <th scope="col">Status</th>
                  <th scope="col">Requested</th>
                  {admin && <th scope="col">Result</th>}
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr key={p.payoutId} data-testid="payout-row" data-payout={p.payoutId}>
                    <th scope="row" className="payout-id">
                      {p.payoutId}
                    </th>
                    <td>{p.clientId}</td>
                    <td data-testid="payout-amount">
                      <Money value={p.amount} />
                    </td>
                    {shares && (
                      <td data-testid="payout-shares">
                        <ul className="shares">
                          {p.allocations.map((a) => (
                            <li key={a.partnerId}>
                              {a.partnerId}: <Money value={a.amount} />
                            </li>
                          ))}
                        </ul>
                      </td>
                    )}
                    <td className="status" data-testid="payout-status">
                      {p.status}
                    </td>
                    <td>
                      <Time at={p.at} />
                    </td>
                    {admin && <td>{p.status === 'requested' && <ResultButtons payout={p} />}</td>}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {pages > 1 && (
            <nav className="pager inline-form" aria-label="Payout pages">
              <button type="button" disabled={current === 0} onClick={() => setPage(current - 1)}>
                Previous page
              </button>
              <span>
                Page {current + 1} of {pages}
              </span>
              <button
                type="button"
                disabled={current >= pages - 1}
                onClick={() => setPage(current + 1)}
              >
                Next page
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
};
