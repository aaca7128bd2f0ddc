import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Action } from '../../domain/access/permissions';
import { useCan, useSession } from './session';
import { Forbidden, FullPageSpin, LoadError } from './status';

/** Children only with a session; otherwise the login page, remembering where the user was going. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state, reload } = useSession();
  const location = useLocation();
  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status === 'error') return <LoadError error={state.error} onRetry={reload} />;
  if (state.status === 'anonymous') {
    // After an explicit logout the next person starts from the board, not from the last page.
    const next = location.pathname + location.search;
    const params = new URLSearchParams();
    if (next !== '/' && state.reason !== 'logout') params.set('next', next);
    if (state.reason === 'expired') params.set('expired', '1');
    const qs = params.toString();
    return <Navigate to={`/login${qs ? `?${qs}` : ''}`} replace />;
  }
  return <>{children}</>;
}

export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const can = useCan();
  return can(action) ? <>{children}</> : <Forbidden />;
}
