import { request } from '../../api/client';
import type { CommandAnswer } from '../../api/types';
import { CommandForm, filled } from '../../components/CommandForm';

/** Manual reconciliation (issue 10): `POST /v1/payouts/{id}/completed` or `/failed`. */
export const PayoutResults = () => (
  <>
    <header className="page-header">
      <h1>Manual payout results</h1>
    </header>
    <CommandForm
      title="Record a payout result"
      submit="Record"
      fields={[
        { name: 'payoutId', label: 'Payout id', required: true, hint: 'runId/clientId' },
        { name: 'result', label: 'Result', options: ['completed', 'failed'] },
        { name: 'reason', label: 'Reason (for a failure)' },
      ]}
      run={async (values) => {
        const { payoutId = '', result = 'completed', reason } = filled(values);
        const body = reason === undefined ? {} : { reason };
        return (
          await request<CommandAnswer>(
            'POST',
            `/v1/payouts/${encodeURIComponent(payoutId)}/${result}`,
            body,
          )
        ).data;
      }}
    />
  </>
);
