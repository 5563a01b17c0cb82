import { useState } from 'react';
import { useParams } from 'react-router';
import { downloadCsv } from '../../api/client';
import { useClient, useClientStatement } from '../../api/queries';
import { DateRange, defaultRange } from '../../components/DateRange';
import { Money } from '../../components/Money';
import { Empty, Loading, ProblemView } from '../../components/States';

export const ClientStatement = () => {
  const clientId = useParams()['clientId'] ?? '';
  const [range, setRange] = useState(defaultRange);
  const client = useClient(clientId);
  const statement = useClientStatement(clientId, range.from, range.to);
  const [csvError, setCsvError] = useState<unknown>(undefined);
  const header = (
    <header className="page-header">
      <h1>
        Statement of client <span className="subject">{clientId}</span>
      </h1>
    </header>
  );
  if (client.isError) {
    return (
      <>
        {header}
        <ProblemView error={client.error} />
      </>
    );
  }
  const path = `/v1/clients/${encodeURIComponent(clientId)}/statement?from=${range.from}&to=${range.to}`;
  return (
    <>
      {header}
      {client.isPending ? (
        <Loading what="the client" />
      ) : (
        <dl className="figures">
          <div>
            <dt>Rebates (USD)</dt>
            <dd data-testid="client-rebates">
              <Money value={client.data.rebates} />
            </dd>
          </div>
          <div>
            <dt>Paid out (USD, paid + in flight)</dt>
            <dd data-testid="client-paid-out">
              <Money value={client.data.paidOut} />
            </dd>
          </div>
          <div>
            <dt>Paid (USD, completed)</dt>
            <dd data-testid="client-paid">
              <Money value={client.data.paid} />
            </dd>
          </div>
          <div>
            <dt>In flight (USD, no result yet)</dt>
            <dd data-testid="client-in-flight">
              <Money value={client.data.inFlight} />
            </dd>
          </div>
          <div>
            <dt>Payable now (USD, after the hold, rounded down to cents)</dt>
            <dd data-testid="client-payable-now">
              <Money value={client.data.pendingPayout} />
            </dd>
          </div>
          <div>
            <dt>Balance (USD)</dt>
            <dd data-testid="client-balance">
              <Money value={client.data.balance} />
            </dd>
          </div>
        </dl>
      )}
      <DateRange value={range} onChange={setRange} />
      <p>
        <button
          type="button"
          onClick={() => {
            setCsvError(undefined);
            downloadCsv(path, `statement-${clientId}-${range.from}-${range.to}.csv`).catch(
              setCsvError,
            );
          }}
        >
          Download CSV
        </button>
      </p>
      {csvError !== undefined && <ProblemView error={csvError} />}
      {statement.isPending ? (
        <Loading what="the statement" />
      ) : statement.isError ? (
        <ProblemView error={statement.error} />
      ) : statement.data.days.length === 0 ? (
        <Empty>
          Nothing happened between {range.from} and {range.to}.
        </Empty>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label="Table (scrolls sideways)"
        >
          <table>
            <caption>
              Per UTC day from {statement.data.from} to {statement.data.to}, USD
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Trades</th>
                <th scope="col">Lots</th>
                <th scope="col">Rebates</th>
                <th scope="col">Paid out</th>
              </tr>
            </thead>
            <tbody>
              {statement.data.days.map((d) => (
                <tr key={d.day}>
                  <th scope="row">{d.day}</th>
                  <td className="num">{d.trades}</td>
                  <td>
                    <Money value={d.lots} />
                  </td>
                  <td>
                    <Money value={d.rebates} />
                  </td>
                  <td>
                    <Money value={d.paidOut} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
