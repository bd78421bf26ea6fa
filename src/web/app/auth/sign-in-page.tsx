// Sign in with email and password. Staff then give a code from their
// authenticator app (or one of their recovery codes) when the server asks for
// it, and set the app up first when the clinic requires it and they have none.
import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Anchor, Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { IconClockHour4, IconMail, IconShieldLock } from '@tabler/icons-react';
import { identityApi } from '../api/identity-api.ts';
import { problemCodes, type Role } from '../api/identity-contract.ts';
import { hasPendingClaim, PendingClaimNotice, usePendingClaimFromLink } from '../assessments/pending-claim.tsx';
import { PasswordField } from '../forms/password-field.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { checkEmail, normaliseCode, TOTP_CODE } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard } from './auth-layout.tsx';
import { afterSignInPath, twoStepSetupPath } from './paths.ts';
import { useSession } from './session-context.tsx';

type Step = 'password' | 'code';

export function SignInPage() {
  usePageTitle('Sign in');
  const { state, completeSignIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get('next');
  const expired = params.get('reason') === 'expired';
  // A plan made on the public site before signing in comes along in the link.
  const pendingClaim = usePendingClaimFromLink();
  /** Where to go once signed in: a patient with a plan to save, and nowhere else to be, to My plan. */
  const destination = (role: Role) =>
    next === null && role === 'patient' && hasPendingClaim() ? '/plan' : afterSignInPath(next, role);

  const [step, setStep] = useState<Step>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const form = useSubmit();

  // Someone already signed in who opens this page goes where they were heading.
  if (state.status === 'signed_in' && !form.submitting) {
    return <Navigate to={destination(state.session.role)} replace />;
  }

  /** One attempt; run inside form.submit, which shows what went wrong. */
  const signIn = async (extra: { totp?: string; recoveryCode?: string }) => {
    try {
      const signedIn = await identityApi.login({ email: email.trim(), password, ...extra });
      const session = await completeSignIn(signedIn);
      await navigate(destination(session.role), { replace: true });
    } catch (error) {
      if (isProblem(error, problemCodes.mfaRequired)) {
        if (step === 'code') throw error;
        setStep('code');
        return;
      }
      if (isProblem(error, problemCodes.mfaEnrolmentRequired)) {
        // The server started a session that may only set up the authenticator.
        await navigate(twoStepSetupPath(next), { replace: true });
        return;
      }
      throw error;
    }
  };

  const onPasswordSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(() => signIn({}), {
      email: checkEmail(email),
      password: password === '' ? 'Enter your password.' : undefined,
    });
  };

  const onCodeSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (useRecoveryCode) {
      const recoveryCode = code.trim();
      void form.submit(() => signIn({ recoveryCode }), {
        code: recoveryCode === '' ? 'Enter one of your recovery codes.' : undefined,
      });
    } else {
      const totp = normaliseCode(code);
      void form.submit(() => signIn({ totp }), {
        code: TOTP_CODE.test(totp) ? undefined : 'Enter the 6-digit code your authenticator app shows.',
      });
    }
  };

  const startOver = () => {
    setStep('password');
    setCode('');
    setPassword('');
    setUseRecoveryCode(false);
    form.reset();
  };

  if (step === 'code') {
    const codeError = form.fieldErrors.code ?? codeProblem(form.problem?.code, useRecoveryCode);
    return (
      <AuthCard
        title="Enter your sign-in code"
        icon={<IconShieldLock size={36} color="var(--mantine-color-puncta-7)" aria-hidden />}
        description={
          useRecoveryCode
            ? 'Type one of the recovery codes you saved when you set up two-step sign-in. Each code works once.'
            : 'Open your authenticator app and enter the 6-digit code it shows for this clinic.'
        }
      >
        <form onSubmit={onCodeSubmit} noValidate>
          <Stack gap="md">
            <TextInput
              key={useRecoveryCode ? 'recovery' : 'totp'}
              label={useRecoveryCode ? 'Recovery code' : 'Code from your app'}
              value={code}
              onChange={(event) => {
                setCode(event.currentTarget.value);
                form.clearFieldError('code');
              }}
              error={codeError}
              autoComplete="one-time-code"
              inputMode={useRecoveryCode ? 'text' : 'numeric'}
              maxLength={useRecoveryCode ? 40 : 7}
              autoFocus
              size="md"
              styles={{
                input: { letterSpacing: useRecoveryCode ? undefined : '0.3em', fontVariantNumeric: 'tabular-nums' },
              }}
              required
            />
            <FormError message={codeError === undefined ? form.formError : undefined} />
            <Button type="submit" size="md" loading={form.submitting} fullWidth>
              Sign in
            </Button>
            <Group justify="space-between" gap="xs">
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
              <Anchor component="button" type="button" size="sm" onClick={startOver}>
                Use a different account
              </Anchor>
            </Group>
          </Stack>
        </form>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Sign in" description="Welcome back. Sign in to see your plan, visits and aftercare.">
      {expired && (
        <Alert variant="light" color="puncta" radius="md" icon={<IconClockHour4 aria-hidden />}>
          For your privacy you were signed out after a while without activity. Sign in again to carry on where you left
          off.
        </Alert>
      )}
      <PendingClaimNotice claim={pendingClaim} />
      <form onSubmit={onPasswordSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email address"
            type="email"
            {...form.bind('email', email, setEmail)}
            autoComplete="username"
            size="md"
            required
          />
          <PasswordField
            label="Password"
            {...form.bind('password', password, setPassword)}
            autoComplete="current-password"
            size="md"
            required
          />
          <Group justify="flex-end" mt={-6}>
            <Anchor component={Link} to="/forgot-password" size="sm">
              Forgot your password?
            </Anchor>
          </Group>
          <FormError message={form.formError} />
          <Button type="submit" size="md" loading={form.submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
      <Divider label="or" labelPosition="center" />
      <Button
        component={Link}
        to="/sign-in-link"
        variant="default"
        size="md"
        fullWidth
        leftSection={<IconMail size={18} aria-hidden />}
      >
        Email me a sign-in link
      </Button>
      <Text ta="center" size="sm">
        New to the clinic?{' '}
        <Anchor component={Link} to="/sign-up" fw={600}>
          Create an account
        </Anchor>
      </Text>
    </AuthCard>
  );
}

function isProblem(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === code;
}

/** A wrong or reused code is a problem with the field, so it is shown right under it. */
function codeProblem(code: string | undefined, recovery: boolean): string | undefined {
  if (code === problemCodes.invalidMfaCode || code === problemCodes.mfaRequired) {
    return recovery
      ? 'That recovery code did not work. Check it, or try another one.'
      : 'That code did not work. Codes change every 30 seconds: enter the one your app shows now.';
  }
  return undefined;
}
