// Creating a patient account: name, email and a password, then a link by email
// to confirm the address. The answer is the same whether or not the email is
// already registered (the owner gets an email instead), so the page never tells
// a stranger who has an account.
import { useState, type FormEvent } from 'react';
import { Link, Navigate } from 'react-router';
import { Anchor, Button, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { identityApi } from '../api/identity-api.ts';
import { useClinic } from '../api/clinic.tsx';
import { PasswordField } from '../forms/password-field.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { checkDisplayName, checkEmail, checkNewPassword, PASSWORD_MIN_LENGTH } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { PendingClaimNotice, usePendingClaimFromLink } from '../assessments/pending-claim.tsx';
import { AuthCard, BackToSignIn } from './auth-layout.tsx';
import { homePathFor } from './paths.ts';
import { useSession } from './session-context.tsx';

export function SignUpPage() {
  const { state } = useSession();
  // A plan made on the public site before signing up comes along in the link.
  const pendingClaim = usePendingClaimFromLink();
  const clinic = useClinic();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [sentTo, setSentTo] = useState<string | undefined>();
  const [resent, setResent] = useState(false);
  const form = useSubmit({ weak_password: 'password' });
  usePageTitle(sentTo === undefined ? 'Create an account' : 'Check your email');

  if (state.status === 'signed_in') {
    const role = state.session.role;
    return <Navigate to={role === 'patient' && pendingClaim !== undefined ? '/plan' : homePathFor(role)} replace />;
  }

  const send = () => identityApi.signup({ email: email.trim(), password, displayName: displayName.trim() });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        await send();
        setSentTo(email.trim());
      },
      { displayName: checkDisplayName(displayName), email: checkEmail(email), password: checkNewPassword(password) },
    );
  };

  if (sentTo !== undefined) {
    return (
      <AuthCard
        title="Check your email"
        icon={
          <ThemeIcon size={56} radius="xl" variant="light" color="puncta" mb={4}>
            <IconMailForward size={30} stroke={1.6} aria-hidden />
          </ThemeIcon>
        }
        description={
          <>
            We sent a link to <strong>{sentTo}</strong>. Open it on this device to confirm your email address and finish
            creating your account.
          </>
        }
      >
        <Stack gap="sm">
          <PendingClaimNotice claim={pendingClaim} />
          <Text size="sm" c="dimmed">
            Nothing after a few minutes? Check your spam or junk folder. If the address has a typo, go back and change
            it.
          </Text>
          {resent && <FormSuccess>We sent the email again.</FormSuccess>}
          <FormError message={form.formError} />
          <Button
            variant="default"
            loading={form.submitting}
            onClick={() =>
              void form.submit(async () => {
                setResent(false);
                await send();
                setResent(true);
              })
            }
          >
            Send the email again
          </Button>
          <Button
            variant="subtle"
            onClick={() => {
              setSentTo(undefined);
              setResent(false);
              form.reset();
            }}
          >
            Change the email address
          </Button>
        </Stack>
        <BackToSignIn />
      </AuthCard>
    );
  }

  return (
    <AuthCard
      title="Create your account"
      description={`Plan your treatment, book visits and follow your aftercare with ${clinic?.name ?? 'the clinic'}.`}
    >
      <PendingClaimNotice claim={pendingClaim} />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Your name"
            description="As you would like the clinic to address you."
            {...form.bind('displayName', displayName, setDisplayName)}
            autoComplete="name"
            size="md"
            required
          />
          <TextInput
            label="Email address"
            type="email"
            {...form.bind('email', email, setEmail)}
            autoComplete="email"
            size="md"
            required
          />
          <PasswordField
            label="Password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
            {...form.bind('password', password, setPassword)}
            autoComplete="new-password"
            size="md"
            required
          />
          <FormError message={form.formError} />
          <Button type="submit" size="md" loading={form.submitting} fullWidth>
            Create account
          </Button>
          <Text size="xs" c="dimmed">
            Your details are used only for your care at {clinic?.name ?? 'the clinic'}. You can see everyone at the
            clinic who opens your record.
          </Text>
        </Stack>
      </form>
      <Text ta="center" size="sm">
        Already have an account?{' '}
        <Anchor component={Link} to="/sign-in" fw={600}>
          Sign in
        </Anchor>
      </Text>
    </AuthCard>
  );
}
