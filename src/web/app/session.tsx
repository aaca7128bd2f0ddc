// The logged-in user. On load: GET /api/auth/me → user + CSRF token; 401 → anonymous (login page).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUser } from '../../contracts/auth';
import type { LoginRequest } from '../../contracts/auth';
import { can as canDo, type Action } from '../../domain/access/permissions';
import { api, isApiError, onUnauthorized } from './api';

export type { Action };

type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  /** `reason` decides what the login page says and whether it returns to the page afterwards. */
  | { status: 'anonymous'; reason: 'initial' | 'expired' | 'logout' }
  | { status: 'authenticated'; user: CurrentUser };

interface SessionValue {
  state: SessionState;
  login: (req: LoginRequest) => Promise<CurrentUser>;
  logout: () => Promise<void>;
  reload: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((s) => !cancelled && setState({ status: 'authenticated', user: s.user }))
      .catch((e: unknown) => {
        if (cancelled) return;
        if (isApiError(e, 401)) setState({ status: 'anonymous', reason: 'initial' });
        else setState({ status: 'error', error: e });
      });
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  useEffect(
    () =>
      onUnauthorized(() => {
        api.setCsrf(null);
        setState((s) => (s.status === 'authenticated' ? { status: 'anonymous', reason: 'expired' } : s));
      }),
    [],
  );

  const login = useCallback(async (req: LoginRequest) => {
    const s = await api.login(req);
    setState({ status: 'authenticated', user: s.user });
    return s.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      api.setCsrf(null);
      setState({ status: 'anonymous', reason: 'logout' });
    }
  }, []);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, login, logout, reload }), [state, login, logout, reload]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside <SessionProvider>');
  return v;
}

/** The current user; only call below the authenticated part of the tree. */
export function useUser(): CurrentUser {
  const { state } = useSession();
  if (state.status !== 'authenticated') throw new Error('useUser without a session');
  return state.user;
}

/** Permission check with the same rule table as the server (src/domain/access/permissions). */
export function useCan(): (action: Action) => boolean {
  const user = useUser();
  return useCallback((action: Action) => canDo(user.roles, action), [user]);
}
