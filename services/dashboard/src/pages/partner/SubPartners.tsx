import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { request } from '../../api/client';
import type { SubPartnerTree } from '../../api/pending-types';
import { Money } from '../../components/Money';
import { PartnerHeader } from '../../components/PartnerHeader';
import { Empty, Loading, ProblemView } from '../../components/States';
import { percent } from '../../format/decimal';

/** The sub-partner tree (issue 11: `GET /v1/partners/{id}/sub-partners`). */
export const SubPartners = () => {
  const partnerId = useParams()['partnerId'] ?? '';
  const tree = useQuery({
    queryKey: ['sub-partners', partnerId],
    queryFn: async () =>
      (
        await request<SubPartnerTree>(
          'GET',
          `/v1/partners/${encodeURIComponent(partnerId)}/sub-partners`,
        )
      ).data,
  });
  return (
    <>
      <PartnerHeader partnerId={partnerId} title="Sub-partners of" />
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
            <caption>Sub-partners, USD</caption>
            <thead>
              <tr>
                <th scope="col">Sub-partner</th>
                <th scope="col">Parent</th>
                <th scope="col">Override rate</th>
                <th scope="col">Trades</th>
                <th scope="col">Lots</th>
                <th scope="col">Remuneration</th>
                <th scope="col">Overrides passed up</th>
              </tr>
            </thead>
            <tbody>
              {tree.data.items.map((s) => (
                <tr key={s.partnerId}>
                  <th scope="row">{s.partnerId}</th>
                  <td>{s.parentId ?? '—'}</td>
                  <td>{percent(s.overrideRate)}</td>
                  <td className="num">{s.trades ?? '—'}</td>
                  <td>
                    <Money value={s.lots} />
                  </td>
                  <td>
                    <Money value={s.remuneration} />
                  </td>
                  <td>
                    <Money value={s.overridesPaid} />
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
