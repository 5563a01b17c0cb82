import { useParams } from 'react-router';
import { usePartnerClients } from '../../api/queries';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { PayoutTable } from '../../components/PayoutTable';
import { Loading, ProblemView } from '../../components/States';

export const PartnerPayouts = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const clients = usePartnerClients(partnerId);
  if (clients.isError) {
    return (
      <>
        <PartnerHeader partnerId={partnerId} title="Payouts of" />
        <ProblemView error={clients.error} />
      </>
    );
  }
  return (
    <>
      <PartnerHeader partnerId={partnerId} title="Payouts of" />
      <section aria-labelledby="paid-per-client">
        <h2 id="paid-per-client">Paid, in flight and payable now per client (USD)</h2>
        {clients.isPending ? (
          <Loading what="clients" />
        ) : (
          <div
            className="table-wrap"
            tabIndex={0}
            role="region"
            aria-label="Table (scrolls sideways)"
          >
            <table>
              <caption>From the client balances</caption>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Paid (completed)</th>
                  <th scope="col">In flight (no result yet)</th>
                  <th scope="col">Payable now (hold applied, cents rounded down)</th>
                  <th scope="col">Balance</th>
                </tr>
              </thead>
              <tbody>
                {clients.data.items.map((c) => (
                  <tr key={c.clientId} data-testid={`client-${c.clientId}`}>
                    <th scope="row">{c.clientId}</th>
                    <td data-testid="paid">
                      <Money value={c.paid} />
                    </td>
                    <td data-testid="in-flight">
                      <Money value={c.inFlight} />
                    </td>
                    <td data-testid="payable-now">
                      <Money value={c.pendingPayout} />
                    </td>
                    <td>
                      <Money value={c.balance} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section aria-labelledby="payout-list">
        <h2 id="payout-list">Payouts with status</h2>
        <PayoutTable filter={{ partnerId }} />
      </section>
    </>
  );
};
