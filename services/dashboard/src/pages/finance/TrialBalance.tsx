import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/client';
import type { TrialBalance as TrialBalanceAnswer } from '../../api/pending-types';
import { Money } from '../../components/Money';
import { Empty, Loading, ProblemView } from '../../components/States';

/** `GET /v1/trial-balance` (issue 9): every account's balance per asset; totals are zero. */
export const TrialBalance = () => {
  const balance = useQuery({
    queryKey: ['trial-balance'],
    queryFn: async () => (await request<TrialBalanceAnswer>('GET', '/v1/trial-balance')).data,
  });
  return (
    <>
      <header className="page-header">
        <h1>Trial balance</h1>
      </header>
      {balance.isPending ? (
        <Loading what="the trial balance" />
      ) : balance.isError ? (
        <ProblemView error={balance.error} />
      ) : balance.data.accounts.length === 0 ? (
        <Empty>No postings yet.</Empty>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label="Table (scrolls sideways)"
        >
          <table>
            <caption>Balances per account and asset</caption>
            <thead>
              <tr>
                <th scope="col">Account</th>
                <th scope="col">Asset</th>
                <th scope="col">Balance</th>
              </tr>
            </thead>
            <tbody>
              {balance.data.accounts.map((a) => (
                <tr key={`${a.account}/${a.asset}`}>
                  <th scope="row">{a.account}</th>
                  <td>{a.asset}</td>
                  <td>
                    <Money value={a.balance} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {balance.data.totals.map((t) => (
                <tr key={t.asset}>
                  <th scope="row">Total</th>
                  <td>{t.asset}</td>
                  <td>
                    <Money value={t.balance} />
                  </td>
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
};
