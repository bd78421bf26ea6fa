// Signing in without a password: ask for a one-time link by email, then open it.
// /sign-in-link asks; /sign-in-link?token=… is where the email's link lands.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { identityApi } from '../api/identity-api.ts';
import { problemCodes, type SignedIn } from '../api/identity-contract.ts';
import { FormError } from '../forms/form-parts.tsx';
import { normaliseCode, TOTP_CODE } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { describeProblem } from '../forms/problem-text.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard } from './auth-layout.tsx';
import { EmailLinkRequest } from './forgot-password-page.tsx';
import { homePathFor, twoStepSetupPath } from './paths.ts';
import { useSession } from './session-context.tsx';
import { isDeadLink, useTokenExchange } from './use-token-exchange.ts';
import { DeadLinkIcon } from './verify-email-page.tsx';

export function SignInLinkPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  // Remembered: once the link is traded the token leaves the address bar.
  const [arrivedWithToken] = useState(token !== null && token !== '');
  if (!arrivedWithToken) return <SignInLinkRequest />;
  return <SignInLinkLanding token={token} />;
}

function SignInLinkRequest() {
  usePageTitle('Email me a sign-in link');
  return (
    <EmailLinkRequest
      title="Sign in with an email link"
      description="No password needed: we email you a link that signs you in on this device."
      submitLabel="Email me a link"
      sentText="If an account uses this address, a sign-in link is on its way. Open it on this device: it works once, within 15 minutes."
      request={identityApi.requestSignInLink}
    />
  );
}

function SignInLinkLanding({ token }: { token: string | null }) {
  usePageTitle('Signing you in');
  const exchange = useTokenExchange(token, 'sign-in-link', (value) => identityApi.completeSignInLink({ token: value }));
  const { completeSignIn } = useSession();
  const navigate = useNavigate();
  const [failed, setFailed] = useState(false);
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const form = useSubmit({ invalid_mfa_code: 'code' });

  const finish = useCallback(
    async (signedIn: SignedIn) => {
      const session = await completeSignIn(signedIn);
      await navigate(homePathFor(session.role), { replace: true });
    },
    [completeSignIn, navigate],
  );

  const signedIn = exchange.status === 'done' ? exchange.result : undefined;
  useEffect(() => {
    if (signedIn === undefined) return;
    finish(signedIn).catch(() => setFailed(true));
  }, [signedIn, finish]);

  const error = exchange.status === 'failed' ? exchange.error : undefined;
  if (error?.code === problemCodes.mfaEnrolmentRequired) return <Navigate to={twoStepSetupPath()} replace />;

  // Staff with an authenticator: the link stays valid until the code comes with it.
  if (error?.code === problemCodes.mfaRequired && token !== null && !failed) {
    const onSubmit = (event: FormEvent) => {
      event.preventDefault();
      const value = useRecoveryCode ? code.trim() : normaliseCode(code);
      void form.submit(
        async () => {
          const result = await identityApi.completeSignInLink(
            useRecoveryCode ? { token, recoveryCode: value } : { token, totp: value },
          );
          await finish(result);
        },
        {
          code: useRecoveryCode
            ? value === ''
              ? 'Enter one of your recovery codes.'
              : undefined
            : TOTP_CODE.test(value)
              ? undefined
              : 'Enter the 6-digit code your authenticator app shows.',
        },
      );
    };
    return (
      <AuthCard
        title="Enter your sign-in code"
        description="Clinic team accounts confirm every sign-in with a code from their authenticator app."
      >
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <TextInput
              key={useRecoveryCode ? 'recovery' : 'totp'}
              label={useRecoveryCode ? 'Recovery code' : 'Code from your app'}
              {...form.bind('code', code, setCode)}
              autoComplete="one-time-code"
              inputMode={useRecoveryCode ? 'text' : 'numeric'}
              size="md"
              autoFocus
              required
            />
            <FormError message={form.formError} />
            <Button type="submit" size="md" loading={form.submitting} fullWidth>
              Sign in
            </Button>
            <Anchor
              component="button"
              type="button"
              size="sm"
              onClick={() => {
                setUseRecoveryCode((value) => !value);
                setCode('');
                form.reset();
              }}
            >
              {useRecoveryCode ? 'Use a code from my app' : 'Use a recovery code'}
            </Anchor>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  if (exchange.status === 'failed' || exchange.status === 'missing' || failed) {
    const message =
      error !== undefined && !isDeadLink(error)
        ? describeProblem(error)
        : 'This sign-in link has already been used or has expired. Ask for a new one, or sign in with your password.';
    return (
      <AuthCard title="This link cannot sign you in" icon={<DeadLinkIcon />}>
        <FormError message={message} />
        <Group gap="sm">
          <Button component={Link} to="/sign-in">
            Sign in with a password
          </Button>
          <Button component={Link} to="/sign-in-link" variant="default" replace>
            Email me a new link
          </Button>
        </Group>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Signing you in…">
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text>One moment, please.</Text>
      </Group>
    </AuthCard>
  );
}
