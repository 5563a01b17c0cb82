import { api, unwrap } from '../../api/client';
import { CommandForm, filled } from '../../components/CommandForm';

/** Manual reconciliation by payout id: `POST /v1/payouts/{id}/completed` or `/failed`. */
export const PayoutResults = () => (
  <>
    <header className="page-header">
      <h1>Manual payout results</h1>
    </header>
    <p>
      The payouts list (Payout runs, Finance: Payouts) has a button per requested payout; this form
      takes a payout id as the payment provider reports it.
    </p>
    <CommandForm
      title="Record a payout result"
      submit="Record"
      fields={[
        { name: 'payoutId', label: 'Payout id', required: true, hint: 'runId/clientId' },
        { name: 'result', label: 'Result', options: ['completed', 'failed'] },
        { name: 'reason', label: 'Reason (for a failure)' },
      ]}
      run={async (values) => {
        const { payoutId = '', result = 'completed', reason = '' } = filled(values);
        const path = { params: { path: { payoutId } } };
        return result === 'failed'
          ? unwrap(api.POST('/v1/payouts/{payoutId}/failed', { ...path, body: { reason } }))
          : unwrap(api.POST('/v1/payouts/{payoutId}/completed', { ...path, body: {} }));
      }}
    />
  </>
);
