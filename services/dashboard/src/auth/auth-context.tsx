import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { setUnauthorizedHandler, setToken } from '../api/client';
import {
  type Session,
  claimsOf,
  clearToken,
  isExpired,
  loadSession,
  saveToken,
  takeTokenFromFragment,
} from './session';

interface Auth {
  readonly session: Session | undefined;
  /** Why the last session ended (expired, signed out), shown on the sign-in page. */
  readonly notice: string | undefined;
  readonly signIn: (token: string) => string | undefined;
  readonly signOut: (notice?: string) => void;
}

const AuthContext = createContext<Auth | undefined>(undefined);

export const EXPIRED_NOTICE = 'Your session has expired. Sign in again with a new token.';

const rejectionOf = (token: string): string | undefined => {
  const claims = claimsOf(token);
  if (claims === undefined) return 'This is not a ledger token (a JWT with a role claim).';
  if (isExpired(claims, Date.now())) return 'This token has expired.';
  return undefined;
};

const startingSession = (): { session?: Session; notice?: string } => {
  const linked = takeTokenFromFragment();
  if (linked !== undefined) {
    const rejection = rejectionOf(linked);
    if (rejection !== undefined) return { notice: `The sign-in link did not work: ${rejection}` };
    saveToken(linked);
  }
  const loaded = loadSession();
  if (loaded === undefined) return {};
  if (isExpired(loaded.claims, Date.now())) {
    clearToken();
    return { notice: EXPIRED_NOTICE };
  }
  return { session: loaded };
};

export const AuthProvider = ({ children }: { children: ReactNode }) => {
  const queryClient = useQueryClient();
  // A `--link` carries the token in the URL fragment: taken once, before the first render.
  const [initial] = useState(startingSession);
  const [session, setSession] = useState<Session | undefined>(initial.session);
  const [notice, setNotice] = useState<string | undefined>(initial.notice);

  const signOut = useCallback(
    (why?: string) => {
      clearToken();
      setToken(undefined);
      queryClient.clear();
      setSession(undefined);
      setNotice(why);
    },
    [queryClient],
  );

  const signIn = useCallback((token: string): string | undefined => {
    const trimmed = token.trim();
    const rejection = rejectionOf(trimmed);
    const claims = claimsOf(trimmed);
    if (rejection !== undefined || claims === undefined) return rejection;
    saveToken(trimmed);
    setToken(trimmed);
    setNotice(undefined);
    setSession({ token: trimmed, claims });
    return undefined;
  }, []);

  if (session !== undefined) setToken(session.token);

  useEffect(() => {
    setUnauthorizedHandler(() => signOut(EXPIRED_NOTICE));
  }, [signOut]);

  // Leave when the token's own expiry passes, even without a request.
  useEffect(() => {
    const exp = session?.claims.exp;
    if (exp === undefined) return undefined;
    const timer = window.setTimeout(
      () => signOut(EXPIRED_NOTICE),
      Math.max(0, exp * 1000 - Date.now()),
    );
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo(
    () => ({ session, notice, signIn, signOut }),
    [session, notice, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
};

export const useAuth = (): Auth => {
  const auth = useContext(AuthContext);
  if (auth === undefined) throw new Error('useAuth outside AuthProvider');
  return auth;
};

/** The signed-in session; pages behind the sign-in gate only. */
export const useSession = (): Session => {
  const { session } = useAuth();
  if (session === undefined) throw new Error('useSession without a session');
  return session;
};
