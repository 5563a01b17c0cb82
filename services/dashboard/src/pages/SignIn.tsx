import { useState } from 'react';
import { useAuth } from '../auth/auth-context';

/** Paste a bearer token (`rebate token ...`), or arrive by a `--link` with it in the fragment. */
export const SignIn = () => {
  const { signIn, notice } = useAuth();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  return (
    <main id="main" className="sign-in">
      <h1>Sign in to Rebate Ledger</h1>
      {notice !== undefined && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setError(signIn(token));
        }}
      >
        <label htmlFor="token">Bearer token</label>
        <textarea
          id="token"
          name="token"
          rows={5}
          value={token}
          onChange={(e) => setToken(e.target.value)}
          aria-describedby="token-help"
          aria-invalid={error !== undefined}
          required
          spellCheck={false}
          autoComplete="off"
        />
        <p id="token-help" className="help">
          Print one with{' '}
          <code>pnpm --silent rebate token --role partner --partner IB-1 --link</code> and open the
          link, or paste the token here. It is kept in this tab only.
        </p>
        {error !== undefined && (
          <p className="problem" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </main>
  );
};
