import { useState } from 'react';
import { PayoutTable } from '../../components/PayoutTable';

const statuses = ['', 'requested', 'completed', 'failed'] as const;

export const FinancePayouts = () => {
  const [status, setStatus] = useState<string>('');
  const [clientId, setClientId] = useState('');
  return (
    <>
      <header className="page-header">
        <h1>Payouts by status</h1>
      </header>
      <div className="inline-form">
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s === '' ? 'any' : s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Client
          <input value={clientId} onChange={(e) => setClientId(e.target.value)} />
        </label>
      </div>
      <PayoutTable query={{ status, clientId }} />
    </>
  );
};
