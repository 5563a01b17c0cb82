import { useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { usePartner, usePartnerStatement } from '../../api/queries';
import { DailyChart } from '../../components/DailyChart';
import { DateRange, defaultRange } from '../../components/DateRange';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { Empty, Loading, ProblemView } from '../../components/States';
import { daysBetween } from '../../format/day-range';

export const Overview = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const partner = usePartner(partnerId);
  const [range, setRange] = useState(defaultRange);
  const statement = usePartnerStatement(partnerId, range.from, range.to);
  const days = useMemo(() => statement.data?.days ?? [], [statement.data]);
  // The statement lists active days only; the chart shows every day of the range, 0 when quiet.
  const dayLabels = useMemo(
    () => (statement.data ? daysBetween(statement.data.from, statement.data.to) : []),
    [statement.data],
  );
  const chartSeries = useMemo(() => {
    const byDay = new Map(days.map((d) => [d.day, d]));
    const values = (pick: (d: (typeof days)[number]) => string) =>
      dayLabels.map((day) => {
        const found = byDay.get(day);
        return found === undefined ? '0' : pick(found);
      });
    return [
      { label: 'Remuneration', color: '#1f5fbf', values: values((d) => d.remuneration) },
      { label: 'Rebates', color: '#b35900', values: values((d) => d.rebates) },
      { label: 'Net', color: '#2e7d32', values: values((d) => d.net) },
    ];
  }, [days, dayLabels]);
  if (partner.isError) {
    return (
      <>
        <PartnerHeader partnerId={partnerId} title="Overview of" />
        <ProblemView error={partner.error} />
      </>
    );
  }
  return (
    <>
      <PartnerHeader partnerId={partnerId} title="Overview of" />
      {partner.isPending ? (
        <Loading what="the partner's figures" />
      ) : (
        <section aria-labelledby="totals">
          <h2 id="totals">Totals to date (USD)</h2>
          <dl className="figures">
            <div>
              <dt>Remuneration</dt>
              <dd data-testid="remuneration">
                <Money value={partner.data.remuneration} />
              </dd>
            </div>
            <div>
              <dt>Rebates</dt>
              <dd data-testid="rebates">
                <Money value={partner.data.rebates} />
              </dd>
            </div>
            <div>
              <dt>Overrides paid (to its parent)</dt>
              <dd data-testid="overridesPaid">
                <Money value={partner.data.overridesPaid} />
              </dd>
            </div>
            <div>
              <dt>Overrides received (from sub-partners)</dt>
              <dd data-testid="overridesReceived">
                <Money value={partner.data.overridesReceived} />
              </dd>
            </div>
            <div>
              <dt>Net</dt>
              <dd data-testid="net">
                <Money value={partner.data.net} />
              </dd>
            </div>
            <div>
              <dt>Trades</dt>
              <dd data-testid="trades">{partner.data.trades}</dd>
            </div>
            <div>
              <dt>Lots</dt>
              <dd data-testid="lots">
                <Money value={partner.data.lots} />
              </dd>
            </div>
            <div>
              <dt>Clients</dt>
              <dd data-testid="clients">{partner.data.clients}</dd>
            </div>
          </dl>
        </section>
      )}
      <section aria-labelledby="per-day">
        <h2 id="per-day">Per day (UTC)</h2>
        <DateRange value={range} onChange={setRange} />
        {statement.isPending ? (
          <Loading what="the statement" />
        ) : statement.isError ? (
          <ProblemView error={statement.error} />
        ) : days.length === 0 ? (
          <Empty>
            No trades closed between {range.from} and {range.to}.
          </Empty>
        ) : (
          <>
            <DailyChart
              title={`Remuneration, rebates and net per day from ${range.from} to ${range.to}`}
              days={dayLabels}
              series={chartSeries}
            />
            <div
              className="table-wrap"
              tabIndex={0}
              role="region"
              aria-label="Table (scrolls sideways)"
            >
              <table>
                <caption>
                  Per day, USD (net = remuneration − rebates − overrides paid + overrides received)
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Day</th>
                    <th scope="col">Trades</th>
                    <th scope="col">Lots</th>
                    <th scope="col">Remuneration</th>
                    <th scope="col">Rebates</th>
                    <th scope="col">Overrides paid</th>
                    <th scope="col">Overrides received</th>
                    <th scope="col">Net</th>
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr key={d.day} data-testid={`day-${d.day}`}>
                      <th scope="row">{d.day}</th>
                      <td className="num">{d.trades}</td>
                      <td>
                        <Money value={d.lots} />
                      </td>
                      <td>
                        <Money value={d.remuneration} />
                      </td>
                      <td>
                        <Money value={d.rebates} />
                      </td>
                      <td data-testid="overrides-paid">
                        <Money value={d.overridesPaid} />
                      </td>
                      <td data-testid="overrides-received">
                        <Money value={d.overridesReceived} />
                      </td>
                      <td>
                        <Money value={d.net} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
    </>
  );
};
