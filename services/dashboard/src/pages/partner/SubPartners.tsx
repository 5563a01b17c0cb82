import { Link, useParams } from 'react-router';
import { usePartner, useSubPartners } from '../../api/queries';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { Empty, Loading, ProblemView } from '../../components/States';

/** Indentation classes in the stylesheet (no inline styles under the CSP); deeper stays at 6. */
const depthClass = (depth: number): string => `depth-${Math.min(Math.max(depth, 1), 6)}`;

/**
 * `GET /v1/partners/{id}/sub-partners`: the tree below the partner, depth first, each row
 * indented by its depth, with a link to that sub-partner's statement.
 */
export const SubPartners = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const partner = usePartner(partnerId);
  const tree = useSubPartners(partnerId);
  const base = `/partners/${encodeURIComponent(partnerId)}/sub-partners`;
  return (
    <>
      <PartnerHeader partnerId={partnerId} title="Sub-partners of" />
      {partner.isSuccess && (
        <dl className="figures">
          <div>
            <dt>Overrides received from sub-partners (USD)</dt>
            <dd data-testid="own-overrides-received">
              <Money value={partner.data.overridesReceived} />
            </dd>
          </div>
          <div>
            <dt>Overrides paid to its parent (USD)</dt>
            <dd data-testid="own-overrides-paid">
              <Money value={partner.data.overridesPaid} />
            </dd>
          </div>
        </dl>
      )}
      {tree.isPending ? (
        <Loading what="sub-partners" />
      ) : tree.isError ? (
        <ProblemView error={tree.error} />
      ) : tree.data.items.length === 0 ? (
        <Empty>{partnerId} has no sub-partners.</Empty>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label="Table (scrolls sideways)"
        >
          <table>
            <caption>Sub-partners of {partnerId}, direct and indirect, USD</caption>
            <thead>
              <tr>
                <th scope="col">Sub-partner</th>
                <th scope="col">Level</th>
                <th scope="col">Parent</th>
                <th scope="col">Model</th>
                <th scope="col">Trades</th>
                <th scope="col">Lots</th>
                <th scope="col">Remuneration</th>
                <th scope="col">Overrides paid (passed up)</th>
                <th scope="col">Overrides received (from below)</th>
              </tr>
            </thead>
            <tbody>
              {tree.data.items.map((s) => (
                <tr key={s.partnerId} data-testid={`sub-partner-${s.partnerId}`}>
                  <th scope="row" className={`tree ${depthClass(s.depth)}`}>
                    <Link
                      to={`${base}/${encodeURIComponent(s.partnerId)}`}
                      aria-label={`Statement of sub-partner ${s.partnerId}`}
                    >
                      {s.partnerId}
                    </Link>
                  </th>
                  <td className="num" data-testid="depth">
                    {s.depth}
                  </td>
                  <td>{s.parentId}</td>
                  <td>{s.model}</td>
                  <td className="num" data-testid="trades">
                    {s.trades}
                  </td>
                  <td data-testid="lots">
                    <Money value={s.lots} />
                  </td>
                  <td data-testid="remuneration">
                    <Money value={s.remuneration} />
                  </td>
                  <td data-testid="overrides-paid">
                    <Money value={s.overridesPaid} />
                  </td>
                  <td data-testid="overrides-received">
                    <Money value={s.overridesReceived} />
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
