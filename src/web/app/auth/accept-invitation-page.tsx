// Joining the clinic team: the link in an invitation email lands here. The new
// team member gives their name and a password, and is signed in. Two-step
// sign-in is offered right away (and required by the clinic in production).
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Button, Stack, TextInput, ThemeIcon } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import { problemCodes } from '../api/identity-contract.ts';
import { useClinic } from '../api/clinic.tsx';
import { PasswordField } from '../forms/password-field.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { checkDisplayName, PASSWORD_MIN_LENGTH } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard } from './auth-layout.tsx';
import { homePathFor } from './paths.ts';
import { useSession } from './session-context.tsx';
import { DeadLinkIcon } from './verify-email-page.tsx';

export function AcceptInvitationPage() {
  usePageTitle('Join the clinic team');
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const clinic = useClinic();
  const { completeSignIn } = useSession();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const form = useSubmit({ weak_password: 'password', invalid_credentials: 'password' });

  if (token === '') {
    return (
      <AuthCard
        title="This invitation link is not complete"
        icon={<DeadLinkIcon />}
        description="Open the link from the invitation email again. If it still does not work, ask your clinic admin to invite you again."
      >
        <Button component={Link} to="/sign-in" w="fit-content">
          Go to sign in
        </Button>
      </AuthCard>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        try {
          const signedIn = await identityApi.acceptInvitation({ token, password, displayName: displayName.trim() });
          const session = await completeSignIn(signedIn);
          const next = session.mfaEnrolled === true ? homePathFor(session.role) : '/account/two-step?welcome=1';
          await navigate(next, { replace: true });
        } catch (error) {
          // In production the clinic wants an authenticator before anything else.
          if (error instanceof ApiError && error.code === problemCodes.mfaEnrolmentRequired) {
            await navigate('/set-up-two-step?welcome=1', { replace: true });
            return;
          }
          throw error;
        }
      },
      {
        displayName: checkDisplayName(displayName),
        password: password === '' ? 'Choose a password, or enter your current one.' : undefined,
      },
    );
  };
  const deadLink = form.problem?.code === problemCodes.invalidToken;

  return (
    <AuthCard
      title="Join the clinic team"
      icon={
        <ThemeIcon size={56} radius="xl" variant="light" color="puncta" mb={4}>
          <IconUsersGroup size={30} stroke={1.6} aria-hidden />
        </ThemeIcon>
      }
      description={`You have been invited to work in Puncta for ${clinic?.name ?? 'the clinic'}. Choose how your name appears and a password.`}
    >
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Your name"
            description="Patients see this name, with your role."
            {...form.bind('displayName', displayName, setDisplayName)}
            autoComplete="name"
            size="md"
            required
          />
          <PasswordField
            label="Password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters, not used anywhere else. Already have a Puncta account with this email? Enter its password.`}
            {...form.bind('password', password, setPassword)}
            autoComplete="new-password"
            size="md"
            required
          />
          <FormError
            title={deadLink ? 'This invitation cannot be used' : undefined}
            message={
              deadLink
                ? 'Invitations work once and expire after 7 days. Ask your clinic admin to send a new one.'
                : form.formError
            }
          />
          <Button type="submit" size="md" loading={form.submitting} fullWidth>
            Join the team
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
