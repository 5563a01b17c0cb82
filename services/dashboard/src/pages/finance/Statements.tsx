import { useState } from 'react';
import { useNavigate } from 'react-router';

/** Any statement: a partner's overview per day, or a client's statement. */
export const Statements = () => {
  const navigate = useNavigate();
  const [partnerId, setPartnerId] = useState('');
  const [clientId, setClientId] = useState('');
  return (
    <>
      <header className="page-header">
        <h1>Statements</h1>
      </header>
      <div className="cards">
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/partners/${encodeURIComponent(partnerId.trim())}`);
          }}
        >
          <h2>A partner's statement</h2>
          <label>
            Partner id
            <input value={partnerId} onChange={(e) => setPartnerId(e.target.value)} required />
          </label>
          <button type="submit">Open</button>
        </form>
        <form
          className="card"
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/clients/${encodeURIComponent(clientId.trim())}`);
          }}
        >
          <h2>A client's statement</h2>
          <label>
            Client id
            <input value={clientId} onChange={(e) => setClientId(e.target.value)} required />
          </label>
          <button type="submit">Open</button>
        </form>
      </div>
    </>
  );
};
