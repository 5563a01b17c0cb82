import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
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
 * `GET /v1/payouts` with a status filter (and the caller's fixed filters), newest run first,
 * PAGE_SIZE payouts a page: the route answers in cursor pages, so Next follows the answer's
 * `nextCursor` and Previous goes back to a cursor already seen.
 */
export const PayoutTable = ({ filter = {} }: { filter?: PayoutFilter }) => {
  const role = useSession().claims.role;
  const admin = role === 'admin';
  // A partner's answer holds its own share only (the amount is it); others see every share.
  const shares = role !== 'partner';
  const [status, setStatus] = useState<PayoutStatus | ''>('');
  const statusId = useId();
  const query = {
    ...Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined && v !== '')),
    ...(status === '' ? {} : { status }),
    // Newest run first: what an operator just ran is on the first page.
    order: 'newest' as const,
    limit: PAGE_SIZE,
  };
  // The cursor of each page reached so far (the first has none), for this query only: a
  // cursor answers only the query it was made for, so another filter starts on page 1.
  const queryText = JSON.stringify(query);
  const [paging, setPaging] = useState<{ query: string; cursors: (string | undefined)[] }>({
    query: queryText,
    cursors: [undefined],
  });
  const cursors = paging.query === queryText ? paging.cursors : [undefined];
  const setCursors = (next: (string | undefined)[]) =>
    setPaging({ query: queryText, cursors: next });
  const current = cursors.length - 1;
  const cursor = cursors[current];
  const payouts = useQuery({
    queryKey: ['payouts', query, cursor],
    queryFn: () =>
      unwrap(
        api.GET('/v1/payouts', {
          params: { query: { ...query, ...(cursor === undefined ? {} : { cursor }) } },
        }),
      ),
  });
  const items = payouts.data?.items ?? [];
  const total = payouts.data?.total ?? 0;
  const nextCursor = payouts.data?.nextCursor ?? null;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
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
                Payouts, newest run first, USD ({total} in all
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
                {items.map((p) => (
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
          {(current > 0 || nextCursor !== null) && (
            <nav className="pager inline-form" aria-label="Payout pages">
              <button
                type="button"
                disabled={current === 0}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Previous page
              </button>
              <span>
                Page {current + 1} of {pages}
              </span>
              <button
                type="button"
                disabled={nextCursor === null}
                onClick={() => nextCursor !== null && setCursors([...cursors, nextCursor])}
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
