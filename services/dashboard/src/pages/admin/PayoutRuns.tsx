import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, request, unwrap } from '../../api/client';
import { hasParameter, useOpenApi } from '../../api/capabilities';
import type { paths } from '../../api/generated/schema';
import type { CommandAnswer } from '../../api/types';

/** What `POST /v1/payout-runs?dryRun=true` answers: the member of the 200 union with payouts. */
type PayoutPreview = Extract<
  paths['/v1/payout-runs']['post']['responses'][200]['content']['application/json'],
  { payouts: unknown }
>;
import { ConfirmButton } from '../../components/ConfirmButton';
import { Money } from '../../components/Money';
import { PayoutTable } from '../../components/PayoutTable';
import { Empty, Loading, ProblemView } from '../../components/States';

/** The preview is issue 10's `POST /v1/payout-runs?dryRun=true`; sent only once documented. */
const Preview = ({ minimumUsd }: { minimumUsd: string }) => {
  const openApi = useOpenApi();
  const preview = useMutation({
    mutationFn: async () =>
      (
        await request<PayoutPreview>(
          'POST',
          '/v1/payout-runs?dryRun=true',
          minimumUsd === '' ? {} : { minimumUsd },
        )
      ).data,
  });
  if (openApi.isPending) return <Loading what="what the API offers" />;
  if (!hasParameter(openApi.data, '/v1/payout-runs', 'post', 'dryRun')) {
    return (
      <p className="notice" data-testid="preview-unavailable">
        Preview is not available yet: this API has no <code>dryRun</code> for payout runs. The
        client balances below show what a run would pay (balance rounded down to cents, unless
        suspended).
      </p>
    );
  }
  return (
    <>
      <button type="button" onClick={() => preview.mutate()} disabled={preview.isPending}>
        Preview the run
      </button>
      {preview.isError && <ProblemView error={preview.error} />}
      {preview.data !== undefined &&
        (preview.data.payouts.length === 0 ? (
          <Empty>A run now would pay nobody.</Empty>
        ) : (
          <table>
            <caption>A run now would pay (USD)</caption>
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Amount</th>
              </tr>
            </thead>
            <tbody>
              {preview.data.payouts.map((p) => (
                <tr key={p.clientId}>
                  <th scope="row">{p.clientId}</th>
                  <td>
                    <Money value={p.amount} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
};

const ClientBalances = () => {
  const clients = useQuery({
    queryKey: ['clients'],
    queryFn: () => unwrap(api.GET('/v1/clients')),
  });
  if (clients.isPending) return <Loading what="client balances" />;
  if (clients.isError) return <ProblemView error={clients.error} />;
  if (clients.data.items.length === 0) return <Empty>No clients yet.</Empty>;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="Table (scrolls sideways)">
      <table>
        <caption>Client balances, USD</caption>
        <thead>
          <tr>
            <th scope="col">Client</th>
            <th scope="col">Partner</th>
            <th scope="col">Balance</th>
            <th scope="col">Paid (completed)</th>
            <th scope="col">In flight (no result yet)</th>
            <th scope="col">Payable now (hold applied, cents rounded down)</th>
          </tr>
        </thead>
        <tbody>
          {clients.data.items.map((c) => (
            <tr key={c.clientId} data-client={c.clientId}>
              <th scope="row">{c.clientId}</th>
              <td>{c.partnerId ?? '—'}</td>
              <td>
                <Money value={c.balance} />
              </td>
              <td data-testid={`paid-${c.clientId}`}>
                <Money value={c.paid} />
              </td>
              <td data-testid={`in-flight-${c.clientId}`}>
                <Money value={c.inFlight} />
              </td>
              <td data-testid={`payable-now-${c.clientId}`}>
                <Money value={c.pendingPayout} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const PayoutRuns = () => {
  const [minimumUsd, setMinimumUsd] = useState('');
  return (
    <>
      <header className="page-header">
        <h1>Payout runs</h1>
      </header>
      <section className="card" aria-labelledby="new-run">
        <h2 id="new-run">New run</h2>
        <label>
          Minimum payout (USD, optional)
          <input
            name="minimumUsd"
            inputMode="decimal"
            value={minimumUsd}
            onChange={(e) => setMinimumUsd(e.target.value)}
          />
        </label>
        <div className="inline-form">
          <Preview minimumUsd={minimumUsd} />
          <ConfirmButton
            label="Run payouts"
            question="Pay every unsuspended client its balance now?"
            run={() =>
              // Without ?dryRun the route's 200 is the CommandAnswer of its union (the preview is
              // what a dry run answers).
              unwrap(
                api.POST('/v1/payout-runs', {
                  body: minimumUsd === '' ? {} : { minimumUsd },
                }),
              ) as unknown as Promise<CommandAnswer>
            }
          >
            <p>Each client is paid its balance rounded down to cents, if at least the minimum.</p>
          </ConfirmButton>
        </div>
      </section>
      <section aria-labelledby="payout-statuses">
        <h2 id="payout-statuses">Payouts and their statuses</h2>
        <PayoutTable />
        <ClientBalances />
      </section>
    </>
  );
};
