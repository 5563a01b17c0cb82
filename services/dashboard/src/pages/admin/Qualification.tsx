import { request } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { CommandForm, filled } from '../../components/CommandForm';

const put = async (path: string, body: unknown): Promise<CommandAnswer> =>
  (await request<CommandAnswer>('PUT', path, body)).data;

/** Qualification (issue 11) and the payout hold (issue 10): routes named in those issues. */
export const Qualification = () => (
  <>
    <header className="page-header">
      <h1>Qualification and hold</h1>
    </header>
    <div className="cards">
      <CommandForm
        title="Minimum hold time of a qualifying trade"
        submit="Set qualification"
        fields={[
          {
            name: 'minHoldSeconds',
            label: 'Minimum seconds between open and close',
            required: true,
          },
          { name: 'partnerId', label: 'Partner (empty: broker-wide)' },
        ]}
        run={(values) => {
          const { minHoldSeconds = '', partnerId } = filled(values);
          return put(
            partnerId === undefined
              ? '/v1/qualification'
              : `/v1/partners/${encodeURIComponent(partnerId)}/qualification`,
            { minHoldSeconds },
          );
        }}
      />
      <CommandForm
        title="Payout hold"
        submit="Set hold"
        fields={[{ name: 'days', label: 'Days a trade waits before it is paid', required: true }]}
        run={({ days = '' }) => put('/v1/payout-hold', { days })}
      />
    </div>
  </>
);
