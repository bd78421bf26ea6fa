// The landing page of the link in the sign-up email: confirms the address, which
// also signs the person in, and welcomes them.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Group, Loader, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import { identityApi } from '../api/identity-api.ts';
import type { SessionView } from '../api/identity-contract.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard } from './auth-layout.tsx';
import { homePathFor } from './paths.ts';
import { useSession } from './session-context.tsx';
import { isDeadLink, useTokenExchange } from './use-token-exchange.ts';

export function VerifyEmailPage() {
  const [params] = useSearchParams();
  const { completeSignIn } = useSession();
  const exchange = useTokenExchange(params.get('token'), 'verify-email', identityApi.verifyEmail);
  const [session, setSession] = useState<SessionView | undefined>();
  const [sessionError, setSessionError] = useState<string | undefined>();
  usePageTitle(exchange.status === 'done' ? 'Email confirmed' : 'Confirming your email');

  const signedIn = exchange.status === 'done' ? exchange.result : undefined;
  useEffect(() => {
    if (signedIn === undefined) return;
    completeSignIn(signedIn).then(setSession, () =>
      setSessionError('Your email is confirmed, but we could not sign you in. Please sign in with your password.'),
    );
  }, [signedIn, completeSignIn]);

  if (exchange.status === 'missing' || exchange.status === 'failed') {
    const message =
      exchange.status === 'failed' && !isDeadLink(exchange.error)
        ? describeProblem(exchange.error)
        : 'This confirmation link has already been used or has expired. If you confirmed your email before, simply sign in. Otherwise create your account again to get a new link.';
    return (
      <AuthCard
        title="This link does not work any more"
        icon={<DeadLinkIcon />}
        description="Links in our emails work once, for a limited time."
      >
        <FormError message={message} />
        <Group gap="sm">
          <Button component={Link} to="/sign-in">
            Sign in
          </Button>
          <Button component={Link} to="/sign-up" variant="default">
            Create an account
          </Button>
        </Group>
      </AuthCard>
    );
  }

  if (session === undefined && sessionError === undefined) {
    return (
      <AuthCard title="Confirming your email…">
        <Group gap="sm" role="status">
          <Loader size="sm" />
          <Text>One moment, please.</Text>
        </Group>
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Your email is confirmed"
      icon={
        <ThemeIcon size={56} radius="xl" variant="light" color="green" mb={4}>
          <IconCircleCheck size={32} stroke={1.6} aria-hidden />
        </ThemeIcon>
      }
      description={
        session === undefined
          ? undefined
          : `Welcome, ${session.user.displayName}. Your account with ${session.clinic.name} is ready.`
      }
    >
      <FormError message={sessionError} />
      <Stack gap="sm">
        {session === undefined ? (
          <Button component={Link} to="/sign-in" size="md">
            Sign in
          </Button>
        ) : (
          <Button component={Link} to={homePathFor(session.role)} size="md">
            Go to my home page
          </Button>
        )}
      </Stack>
    </AuthCard>
  );
}

export function DeadLinkIcon() {
  return (
    <ThemeIcon size={56} radius="xl" variant="light" color="orange" mb={4}>
      <IconLinkOff size={30} stroke={1.6} aria-hidden />
    </ThemeIcon>
  );
}
