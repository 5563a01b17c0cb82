import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { downloadCsv } from '../../api/client';
import { useSubPartnerStatement } from '../../api/queries';
import { DateRange, defaultRange } from '../../components/DateRange';
import { Money } from '../../components/Money';
import { Empty, Loading, ProblemView } from '../../components/States';

/** `GET /v1/partners/{id}/sub-partners/{subPartnerId}/statement`: a sub-partner's days. */
export const SubPartnerStatement = () => {
  const params = useParams();
  const partnerId = params['partnerId'] ?? '';
  const subPartnerId = params['subPartnerId'] ?? '';
  const [range, setRange] = useState(defaultRange);
  const statement = useSubPartnerStatement(partnerId, subPartnerId, range.from, range.to);
  const [csvError, setCsvError] = useState<unknown>(undefined);
  const path =
    `/v1/partners/${encodeURIComponent(partnerId)}/sub-partners/` +
    `${encodeURIComponent(subPartnerId)}/statement?from=${range.from}&to=${range.to}`;
  return (
    <>
      <header className="page-header">
        <h1>
          Statement of sub-partner <span className="subject">{subPartnerId}</span>
        </h1>
        <p>
          In the tree of{' '}
          <Link to={`/partners/${encodeURIComponent(partnerId)}/sub-partners`}>{partnerId}</Link>
        </p>
      </header>
      <DateRange value={range} onChange={setRange} />
      <p>
        <button
          type="button"
          onClick={() => {
            setCsvError(undefined);
            downloadCsv(
              path,
              `statement-${partnerId}-${subPartnerId}-${range.from}-${range.to}.csv`,
            ).catch(setCsvError);
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
                <th scope="col">Remuneration</th>
                <th scope="col">Overrides paid</th>
                <th scope="col">Overrides received</th>
              </tr>
            </thead>
            <tbody>
              {statement.data.days.map((d) => (
                <tr key={d.day} data-testid="sub-partner-day">
                  <th scope="row">{d.day}</th>
                  <td className="num">{d.trades}</td>
                  <td>
                    <Money value={d.lots} />
                  </td>
                  <td>
                    <Money value={d.remuneration} />
                  </td>
                  <td>
                    <Money value={d.overridesPaid} />
                  </td>
                  <td>
                    <Money value={d.overridesReceived} />
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
