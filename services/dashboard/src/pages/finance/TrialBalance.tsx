import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { AsOf } from '../../components/AsOf';
import { Money } from '../../components/Money';
import { Empty, Loading, ProblemView } from '../../components/States';

/** `GET /v1/trial-balance`: every account's balance per asset; totals are zero. */
export const TrialBalance = () => {
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const balance = useQuery({
    queryKey: ['trial-balance', asOf],
    queryFn: () =>
      unwrap(
        api.GET('/v1/trial-balance', { params: { query: asOf === undefined ? {} : { asOf } } }),
      ),
  });
  return (
    <>
      <header className="page-header">
        <h1>Trial balance</h1>
      </header>
      <AsOf value={asOf} onChange={setAsOf} />
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
                <tr key={`${a.account}/${a.asset}`} data-testid="account-row">
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
