import { api, request, unwrap } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { CommandForm, filled } from '../../components/CommandForm';

/**
 * Remuneration schedules: broker-wide or per partner, per account type; a symbol (issue 11)
 * narrows it to one instrument and goes to the `.../symbols/{symbol}` resource.
 */
export const Remuneration = () => (
  <>
    <header className="page-header">
      <h1>Remuneration schedules</h1>
    </header>
    <CommandForm
      title="Set USD per lot"
      submit="Set"
      fields={[
        { name: 'accountType', label: 'Account type', required: true, hint: 'e.g. FIXED' },
        { name: 'usdPerLot', label: 'USD per lot', required: true, hint: 'up to 4 decimals' },
        { name: 'partnerId', label: 'Partner (empty: broker-wide)' },
        { name: 'symbol', label: 'Symbol (empty: every symbol)' },
      ]}
      run={(values) => {
        const { accountType = '', usdPerLot = '', partnerId, symbol } = filled(values);
        const base =
          partnerId === undefined
            ? `/v1/remuneration/${encodeURIComponent(accountType)}`
            : `/v1/partners/${encodeURIComponent(partnerId)}/remuneration/${encodeURIComponent(accountType)}`;
        if (symbol !== undefined) {
          return request<CommandAnswer>('PUT', `${base}/symbols/${encodeURIComponent(symbol)}`, {
            usdPerLot,
          }).then((a) => a.data);
        }
        return partnerId === undefined
          ? unwrap(
              api.PUT('/v1/remuneration/{accountType}', {
                params: { path: { accountType } },
                body: { usdPerLot },
              }),
            )
          : unwrap(
              api.PUT('/v1/partners/{partnerId}/remuneration/{accountType}', {
                params: { path: { partnerId, accountType } },
                body: { usdPerLot },
              }),
            );
      }}
    />
  </>
);
