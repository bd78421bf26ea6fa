// Staff whose clinic requires an authenticator and who have none yet land here
// after their password (or invitation) was accepted. The server has started a
// session that may only do this; once the app is confirmed, that session is
// upgraded and they carry on to where they were going.
import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Group, Loader, Text } from '@mantine/core';
import { ApiError, setCsrfToken } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import { MfaEnrolment } from '../account/mfa-enrolment.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard } from './auth-layout.tsx';
import { afterSignInPath } from './paths.ts';
import { useSession } from './session-context.tsx';

type Readiness =
  { status: 'checking' } | { status: 'ready' } | { status: 'signed_out' } | { status: 'failed'; message: string };

export function SetUpTwoStepPage() {
  usePageTitle('Set up two-step sign-in');
  const [params] = useSearchParams();
  const next = params.get('next');
  const welcome = params.get('welcome') === '1';
  const { reload, signOut } = useSession();
  const navigate = useNavigate();
  const [readiness, setReadiness] = useState<Readiness>({ status: 'checking' });

  // The limited session's CSRF token, for the two requests of the setup.
  useEffect(() => {
    const controller = new AbortController();
    identityApi.session(controller.signal).then(
      (session) => {
        setCsrfToken(session.csrfToken);
        setReadiness({ status: 'ready' });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) setReadiness({ status: 'signed_out' });
        else
          setReadiness({
            status: 'failed',
            message: error instanceof ApiError ? describeProblem(error) : 'Reload the page and try again.',
          });
      },
    );
    return () => controller.abort();
  }, []);

  if (readiness.status === 'signed_out') return <Navigate to="/sign-in" replace />;

  return (
    <AuthCard
      title={welcome ? 'Welcome to the team' : 'Set up two-step sign-in'}
      description="Your clinic asks everyone on the team to confirm each sign-in with a code from an authenticator app on their phone. It takes two minutes, once."
    >
      {readiness.status === 'checking' && (
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>One moment, please.</Text>
        </Group>
      )}
      {readiness.status === 'failed' && <FormError message={readiness.message} />}
      {readiness.status === 'ready' && (
        <MfaEnrolment
          onDone={() => {
            void reload().then((session) =>
              navigate(session === undefined ? '/sign-in' : afterSignInPath(next, session.role), { replace: true }),
            );
          }}
          onCancel={() => {
            void signOut()
              .catch(() => undefined)
              .then(() => navigate('/sign-in', { replace: true }));
          }}
          cancelLabel="Sign out"
          doneLabel="Continue to Puncta"
        />
      )}
    </AuthCard>
  );
}
