// Who is signed in, for the whole app. The session is read from
// GET /api/v1/auth/session when the app loads; its CSRF token goes to the fetch
// wrapper, which sends it on every state-changing request. When any request
// answers 401 the session is over: the person is sent to sign in, and comes back
// to the page they were on afterwards.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ApiError, onUnauthorized, setCsrfToken } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import type { SessionView, SignedIn } from '../api/identity-contract.ts';
import { signInPath, twoStepSetupPath } from './paths.ts';

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason?: 'expired' | 'signed_out' }
  | { status: 'signed_in'; session: SessionView }
  /** The server could not be asked (offline, 5xx): neither signed in nor out. */
  | { status: 'error'; error: ApiError };

export interface SessionActions {
  /** After an answer with { user, csrfToken } (login, email link, invitation): load the full session. */
  completeSignIn: (signedIn: SignedIn) => Promise<SessionView>;
  signOut: () => Promise<void>;
  /** The server has already ended this session (signed out everywhere): forget it here too. */
  forget: () => void;
  switchClinic: (clinicId: string) => Promise<void>;
  /** Reads the session again (after a password change ended other sessions, say). */
  reload: () => Promise<SessionView | undefined>;
}

const SessionContext = createContext<(SessionActions & { state: SessionState }) | undefined>(undefined);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const navigate = useNavigate();
  const location = useLocation();
  // The 401 listener needs the current path without re-subscribing on every navigation.
  const here = useRef(location);
  here.current = location;

  // useNavigate's function changes with the location; a ref keeps `apply` (and so
  // the session load that depends on it) from re-running on every navigation.
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  const apply = useCallback((session: SessionView) => {
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed_in', session });
    // A session that may only set up the authenticator goes straight there, even after a reload.
    const { pathname, search } = here.current;
    if (session.mfaPending && pathname !== '/set-up-two-step') {
      void navigateRef.current(twoStepSetupPath(`${pathname}${search}`), { replace: true });
    }
  }, []);

  const load = useCallback(
    async (signal?: AbortSignal): Promise<SessionView | undefined> => {
      try {
        const session = await identityApi.session(signal);
        apply(session);
        return session;
      } catch (error) {
        if (signal?.aborted === true) return undefined;
        setCsrfToken(undefined);
        if (error instanceof ApiError && error.status === 401) setState({ status: 'anonymous' });
        else setState({ status: 'error', error: asApiError(error) });
        return undefined;
      }
    },
    [apply],
  );

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  useEffect(
    () =>
      onUnauthorized((error) => {
        const { pathname, search } = here.current;
        if (error.code === 'mfa_enrolment_required') {
          // Signed in, but the clinic wants an authenticator first: nothing else works until then.
          if (pathname !== '/set-up-two-step')
            void navigate(twoStepSetupPath(`${pathname}${search}`), { replace: true });
          return;
        }
        setCsrfToken(undefined);
        setState({ status: 'anonymous', reason: 'expired' });
        void navigate(signInPath(`${pathname}${search}`, 'expired'), { replace: true });
      }),
    [navigate],
  );

  const actions = useMemo<SessionActions>(
    () => ({
      async completeSignIn(signedIn) {
        setCsrfToken(signedIn.csrfToken);
        const session = await identityApi.session();
        apply(session);
        return session;
      },
      async signOut() {
        try {
          await identityApi.logout();
        } finally {
          setCsrfToken(undefined);
          setState({ status: 'anonymous', reason: 'signed_out' });
        }
      },
      forget() {
        setCsrfToken(undefined);
        setState({ status: 'anonymous', reason: 'signed_out' });
      },
      async switchClinic(clinicId) {
        apply(await identityApi.switchClinic(clinicId));
      },
      reload: () => load(),
    }),
    [apply, load],
  );

  const value = useMemo(() => ({ ...actions, state }), [actions, state]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionActions & { state: SessionState } {
  const context = useContext(SessionContext);
  if (context === undefined) throw new Error('useSession() needs a <SessionProvider> above it');
  return context;
}

/** For pages behind <RequireSignIn>: the session is there. */
export function useSignedInSession(): SessionView {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useSignedInSession() used outside <RequireSignIn>');
  return state.session;
}

function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, 'unknown', error instanceof Error ? error.message : String(error));
}
