// Changing the password while signed in. The server ends every other session,
// so a person who suspects someone else knows their password is safe at once.
import { useState, type FormEvent } from 'react';
import { Button, Stack } from '@mantine/core';
import { identityApi } from '../api/identity-api.ts';
import { PasswordField } from '../forms/password-field.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { checkNewPassword, PASSWORD_MIN_LENGTH } from '../forms/limits.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { SettingsCard } from './settings-card.tsx';

export function ChangePasswordCard() {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [changed, setChanged] = useState(false);
  const form = useSubmit({ invalid_current_password: 'currentPassword', weak_password: 'newPassword' });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    void form.submit(
      async () => {
        await identityApi.changePassword(currentPassword, newPassword);
        setCurrentPassword('');
        setNewPassword('');
        setRepeat('');
        setChanged(true);
      },
      {
        currentPassword: currentPassword === '' ? 'Enter your current password.' : undefined,
        newPassword: checkNewPassword(newPassword),
        repeat: repeat !== newPassword ? 'The two new passwords are not the same.' : undefined,
      },
    );
  };

  return (
    <SettingsCard title="Password" description="After a change, your other devices are signed out.">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <PasswordField
            label="Current password"
            {...form.bind('currentPassword', currentPassword, setCurrentPassword)}
            autoComplete="current-password"
            required
          />
          <PasswordField
            label="New password"
            description={`At least ${PASSWORD_MIN_LENGTH} characters.`}
            {...form.bind('newPassword', newPassword, setNewPassword)}
            autoComplete="new-password"
            required
          />
          <PasswordField
            label="New password again"
            {...form.bind('repeat', repeat, setRepeat)}
            autoComplete="new-password"
            required
          />
          <FormError message={form.formError} />
          {changed && <FormSuccess>Your password is changed. Your other devices have been signed out.</FormSuccess>}
          <Button type="submit" loading={form.submitting} w="fit-content">
            Change password
          </Button>
        </Stack>
      </form>
    </SettingsCard>
  );
}
