// The landing page of the password reset email: choose a new password. The
// token is sent with the new password, so nothing is used up by just opening
// the link. Afterwards every device is signed out.
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Stack, ThemeIcon } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { identityApi } from '../api/identity-api.ts';
import { PasswordField } from '../forms/password-field.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { checkNewPassword, PASSWORD_MIN_LENGTH } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard, BackToSignIn } from './auth-layout.tsx';
import { DeadLinkIcon } from './verify-email-page.tsx';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [done, setDone] = useState(false);
  const form = useSubmit({ weak_password: 'password' });
  usePageTitle(done ? 'Password changed' : 'Choose a new password');

  if (token === '') {
    return (
      <AuthCard
        title="This link is not complete"
        icon={<DeadLinkIcon />}
        description="Open the link from the email again, or ask for a new one."
      >
        <Button component={Link} to="/forgot-password" w="fit-content">
          Ask for a new link
        </Button>
      </AuthCard>
    );
  }

  if (done) {
    return (
      <AuthCard
        title="Your password is changed"
        icon={
          <ThemeIcon size={56} radius="xl" variant="light" color="green" mb={4}>
            <IconCircleCheck size={32} stroke={1.6} aria-hidden />
          </ThemeIcon>
        }
        description="For your safety we signed you out on every device. Sign in with your new password."
      >
        <Button component={Link} to="/sign-in" size="md">
          Sign in
        </Button>
      </AuthCard>
    );
  }

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        await identityApi.completePasswordReset(token, password);
        setDone(true);
      },
      {
        password: checkNewPassword(password),
        repeat: repeat !== password ? 'The two passwords are not the same.' : undefined,
      },
    );
  };
  const deadLink = form.problem?.code === 'invalid_token';

  return (
    <AuthCard title="Choose a new password" description="Pick a password you do not use anywhere else.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <PasswordField
            label="New password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            {...form.bind('password', password, setPassword)}
            autoComplete="new-password"
            size="md"
            required
          />
          <PasswordField
            label="New password again"
            {...form.bind('repeat', repeat, setRepeat)}
            autoComplete="new-password"
            size="md"
            required
          />
          <FormError
            message={
              deadLink
                ? 'This reset link has already been used or has expired. Ask for a new one below.'
                : form.formError
            }
          />
          <Button type="submit" size="md" loading={form.submitting} fullWidth>
            Save new password
          </Button>
          {deadLink && (
            <Button component={Link} to="/forgot-password" variant="default">
              Ask for a new link
            </Button>
          )}
        </Stack>
      </form>
      <BackToSignIn />
    </AuthCard>
  );
}
