import Big from 'big.js';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import { usePartners } from '../../api/queries';
import type { PartnerBalance } from '../../api/types';
import { AsOf } from '../../components/AsOf';
import { Money } from '../../components/Money';
import { Empty, Loading, ProblemView } from '../../components/States';

type SortKey =
  | 'partnerId'
  | 'trades'
  | 'lots'
  | 'remuneration'
  | 'rebates'
  | 'overridesPaid'
  | 'overridesReceived'
  | 'net'
  | 'clients';

const columns: { key: SortKey; label: string }[] = [
  { key: 'partnerId', label: 'Partner' },
  { key: 'clients', label: 'Clients' },
  { key: 'trades', label: 'Trades' },
  { key: 'lots', label: 'Lots' },
  { key: 'remuneration', label: 'Remuneration' },
  { key: 'rebates', label: 'Rebates' },
  { key: 'overridesPaid', label: 'Overrides paid' },
  { key: 'overridesReceived', label: 'Overrides received' },
  { key: 'net', label: 'Net' },
];

const compare = (a: PartnerBalance, b: PartnerBalance, key: SortKey): number => {
  switch (key) {
    case 'partnerId':
      return a.partnerId.localeCompare(b.partnerId);
    case 'trades':
    case 'clients':
      return a[key] - b[key];
    default:
      return new Big(a[key]).cmp(b[key]);
  }
};

export const FinancePartners = () => {
  const [asOf, setAsOf] = useState<string | undefined>(undefined);
  const partners = usePartners(asOf);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({
    key: 'partnerId',
    descending: false,
  });
  const rows = useMemo(() => {
    const items = (partners.data?.items ?? []).filter((p) =>
      p.partnerId.toLowerCase().includes(search.trim().toLowerCase()),
    );
    const sorted = [...items].sort((a, b) => compare(a, b, sort.key));
    return sort.descending ? sorted.reverse() : sorted;
  }, [partners.data, search, sort]);
  return (
    <>
      <header className="page-header">
        <h1>Partners</h1>
      </header>
      <AsOf value={asOf} onChange={setAsOf} />
      <label className="search">
        Search partners
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      {partners.isPending ? (
        <Loading what="partners" />
      ) : partners.isError ? (
        <ProblemView error={partners.error} />
      ) : rows.length === 0 ? (
        <Empty>No partner matches “{search}”.</Empty>
      ) : (
        <div
          className="table-wrap"
          tabIndex={0}
          role="region"
          aria-label="Table (scrolls sideways)"
        >
          <table>
            <caption>Every partner, USD; choose a column heading to sort</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th
                    key={c.key}
                    scope="col"
                    aria-sort={
                      sort.key === c.key ? (sort.descending ? 'descending' : 'ascending') : 'none'
                    }
                  >
                    <button
                      type="button"
                      className="sort"
                      onClick={() =>
                        setSort((s) => ({
                          key: c.key,
                          descending: s.key === c.key ? !s.descending : false,
                        }))
                      }
                    >
                      {c.label}
                    </button>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((p) => (
                <tr key={p.partnerId} data-testid={`partner-${p.partnerId}`}>
                  <th scope="row">
                    <Link to={`/partners/${encodeURIComponent(p.partnerId)}`}>{p.partnerId}</Link>
                  </th>
                  <td className="num">{p.clients}</td>
                  <td className="num">{p.trades}</td>
                  <td>
                    <Money value={p.lots} />
                  </td>
                  <td>
                    <Money value={p.remuneration} />
                  </td>
                  <td>
                    <Money value={p.rebates} />
                  </td>
                  <td>
                    <Money value={p.overridesPaid} />
                  </td>
                  <td>
                    <Money value={p.overridesReceived} />
                  </td>
                  <td>
                    <Money value={p.net} />
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
