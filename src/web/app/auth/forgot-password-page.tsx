// Asking for a password reset link. The answer is the same for every address,
// so the page cannot be used to find out who has an account.
import { useState, type FormEvent } from 'react';
import { Button, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { IconMailForward } from '@tabler/icons-react';
import { identityApi } from '../api/identity-api.ts';
import { FormError } from '../forms/form-parts.tsx';
import { checkEmail } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { usePageTitle } from '../pages/page-header.tsx';
import { AuthCard, BackToSignIn } from './auth-layout.tsx';

export function ForgotPasswordPage() {
  usePageTitle('Reset your password');
  return (
    <EmailLinkRequest
      title="Reset your password"
      description="Enter the email address you signed up with. We will send you a link to choose a new password."
      submitLabel="Send reset link"
      sentText="If an account uses this address, a link to choose a new password is on its way. It works once and expires after 30 minutes."
      request={identityApi.requestPasswordReset}
    />
  );
}

/** Shared by "forgot password" and "email me a sign-in link": one address in, "check your email" out. */
export function EmailLinkRequest({
  title,
  description,
  submitLabel,
  sentText,
  request,
}: {
  title: string;
  description: string;
  submitLabel: string;
  sentText: string;
  request: (email: string) => Promise<void>;
}) {
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | undefined>();
  const form = useSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        await request(email.trim());
        setSentTo(email.trim());
      },
      { email: checkEmail(email) },
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
            Look for an email to <strong>{sentTo}</strong>.
          </>
        }
      >
        <Text>{sentText}</Text>
        <Text size="sm" c="dimmed">
          Nothing after a few minutes? Check your spam or junk folder, and that the address is the one you signed up
          with.
        </Text>
        <Button variant="default" onClick={() => setSentTo(undefined)} w="fit-content">
          Use another address
        </Button>
        <BackToSignIn />
      </AuthCard>
    );
  }

  return (
    <AuthCard title={title} description={description}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Email address"
            type="email"
            {...form.bind('email', email, setEmail)}
            autoComplete="email"
            size="md"
            required
          />
          <FormError message={form.formError} />
          <Button type="submit" size="md" loading={form.submitting} fullWidth>
            {submitLabel}
          </Button>
        </Stack>
      </form>
      <BackToSignIn />
    </AuthCard>
  );
}
