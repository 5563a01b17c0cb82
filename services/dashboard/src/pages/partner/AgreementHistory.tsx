import { useParams } from 'react-router';
import { useAgreement } from '../../api/queries';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { Empty, Loading, ProblemView } from '../../components/States';
import { Time } from '../../components/Time';
import { percent } from '../../format/decimal';

/** Every change of the partner's agreement, newest first, with the time it took effect. */
export const AgreementHistory = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const agreement = useAgreement(partnerId);
  if (agreement.isError) {
    return (
      <>
        <PartnerHeader partnerId={partnerId} title="Agreement of" />
        <ProblemView error={agreement.error} />
      </>
    );
  }
  return (
    <>
      <PartnerHeader partnerId={partnerId} title="Agreement of" />
      {agreement.isPending ? (
        <Loading what="the agreement" />
      ) : agreement.data.history.length === 0 ? (
        <Empty>No changes yet.</Empty>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label="Table (scrolls sideways)"
        >
          <table>
            <caption>
              Model {agreement.data.model}; changes newest first (position = order in the ledger)
            </caption>
            <thead>
              <tr>
                <th scope="col">Effective</th>
                <th scope="col">Change</th>
                <th scope="col">Client</th>
                <th scope="col">Rate</th>
                <th scope="col">USD per lot</th>
                <th scope="col">Position</th>
              </tr>
            </thead>
            <tbody>
              {[...agreement.data.history].reverse().map((change) => (
                <tr key={change.position} data-testid="history-row">
                  <td>
                    <Time at={change.at} />
                  </td>
                  <td>{change.type}</td>
                  <td>{change.clientId ?? 'all clients'}</td>
                  <td>{change.percent == null ? '—' : percent(change.percent)}</td>
                  <td>
                    <Money value={change.usdPerLot} />
                    {change.accountType != null && ` (${change.accountType})`}
                  </td>
                  <td className="num">{change.position}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
