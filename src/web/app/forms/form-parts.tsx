// Pieces every form uses: the message above the submit button, and a success note.
import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck } from '@tabler/icons-react';

/** The form's problem, read out by screen readers as soon as it appears. */
export function FormError({ message, title }: { message: string | undefined; title?: string }) {
  if (message === undefined) return null;
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      radius="md"
      icon={<IconAlertCircle aria-hidden />}
      title={title}
      styles={{ message: { color: 'var(--mantine-color-red-9)' }, title: { color: 'var(--mantine-color-red-9)' } }}
    >
      {message}
    </Alert>
  );
}

export function FormSuccess({ children, title }: { children: ReactNode; title?: string }) {
  return (
    <Alert
      role="status"
      color="green"
      variant="light"
      radius="md"
      icon={<IconCircleCheck aria-hidden />}
      title={title}
      // Mantine's green-9 on the light green background is below AA contrast (3.96:1); text stays dark.
      styles={{ message: { color: 'var(--mantine-color-black)' }, title: { color: 'var(--mantine-color-black)' } }}
    >
      {children}
    </Alert>
  );
}
