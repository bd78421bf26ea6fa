// A secret the server keeps only a hash of (an API token, a calendar feed's address),
// shown once right after it is made: in a notice with a button that copies it.
import type { ReactNode } from 'react';
import { Alert, Button, CopyButton, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import classes from './account.module.css';

export function SecretShownOnce({
  title,
  icon,
  secret,
  intro,
  copyLabel,
  hideLabel,
  onHide,
  testId,
  children,
}: {
  title: string;
  icon: ReactNode;
  secret: string;
  /** What it is and why to copy it now, above the secret. */
  intro: ReactNode;
  /** The copy button's words, e.g. "Copy token". */
  copyLabel: string;
  /** The close button's label, e.g. "Hide the token". */
  hideLabel: string;
  onHide: () => void;
  testId?: string;
  /** More help, below the copy button. */
  children?: ReactNode;
}) {
  return (
    <Alert
      color="puncta"
      variant="light"
      radius="md"
      icon={icon}
      title={title}
      role="status"
      withCloseButton
      closeButtonLabel={hideLabel}
      onClose={onHide}
    >
      <Stack gap="xs">
        {intro}
        <Text className={classes.token} data-testid={testId}>
          {secret}
        </Text>
        <CopyButton value={secret}>
          {({ copied, copy }) => (
            <Button
              size="xs"
              w="fit-content"
              onClick={copy}
              leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
            >
              {copied ? 'Copied' : copyLabel}
            </Button>
          )}
        </CopyButton>
        {children}
      </Stack>
    </Alert>
  );
}
