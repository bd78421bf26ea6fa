// Mantine's PasswordInput, with what it leaves out: the input is marked
// aria-invalid when it has an error (so screen readers say so), and the
// show/hide button is named.
import { PasswordInput, type PasswordInputProps } from '@mantine/core';

export function PasswordField({ error, ...props }: PasswordInputProps) {
  const invalid = error !== undefined && error !== null && error !== false;
  return (
    <PasswordInput
      {...props}
      error={error}
      aria-invalid={invalid || undefined}
      visibilityToggleButtonProps={{ 'aria-label': 'Show or hide the password' }}
    />
  );
}
