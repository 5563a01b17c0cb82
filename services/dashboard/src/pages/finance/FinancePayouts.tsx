import { useState } from 'react';
import { PayoutTable } from '../../components/PayoutTable';

/** Every payout, by status and optionally of one client; admins record results here too. */
export const FinancePayouts = () => {
  const [clientId, setClientId] = useState('');
  return (
    <>
      <header className="page-header">
        <h1>Payouts by status</h1>
      </header>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          setClientId(new FormData(event.currentTarget).get('clientId')?.toString().trim() ?? '');
        }}
      >
        <label>
          Client
          <input name="clientId" defaultValue={clientId} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <PayoutTable filter={{ clientId }} />
    </>
  );
};
