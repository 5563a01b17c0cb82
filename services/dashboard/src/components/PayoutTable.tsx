import { useQuery } from '@tanstack/react-query';
import { request } from '../api/client';
import type { PayoutPage } from '../api/pending-types';
import { Money } from './Money';
import { Empty, Loading, ProblemView } from './States';
import { Time } from './Time';

/** `GET /v1/payouts` (issue 10) with its filters; a 404 until that route lands. */
export const PayoutTable = ({ query }: { query: Record<string, string> }) => {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== '')).toString();
  const payouts = useQuery({
    queryKey: ['payouts', search],
    queryFn: async () => (await request<PayoutPage>('GET', `/v1/payouts?${search}`)).data,
  });
  if (payouts.isPending) return <Loading what="payouts" />;
  if (payouts.isError) return <ProblemView error={payouts.error} />;
  if (payouts.data.items.length === 0) return <Empty>No payouts match.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways)">
      <table>
        <caption>Payouts, USD</caption>
        <thead>
          <tr>
            <th scope="col">Payout</th>
            <th scope="col">Client</th>
            <th scope="col">Amount</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
          </tr>
        </thead>
        <tbody>
          {payouts.data.items.map((p, i) => (
            <tr key={p.payoutId ?? `${p.clientId}-${i}`} data-testid="payout-row">
              <td>{p.payoutId ?? '—'}</td>
              <td>{p.clientId}</td>
              <td>
                <Money value={p.amount} />
              </td>
              <td className="status">{p.status ?? 'requested'}</td>
              <td>
                <Time at={p.requestedAt ?? p.at} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
