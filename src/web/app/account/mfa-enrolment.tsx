// Setting up two-step sign-in: scan a QR code (or type the key) into an
// authenticator app, prove it works with one code, then keep the recovery
// codes, which are shown this once. Used from account settings and, when the
// clinic requires it, in the middle of signing in.
import { useEffect, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Checkbox,
  CopyButton,
  Group,
  Image,
  List,
  Loader,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconKey } from '@tabler/icons-react';
import { ApiError, setCsrfToken } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import { problemCodes, type TotpEnrolment } from '../api/identity-contract.ts';
import { FormError } from '../forms/form-parts.tsx';
import { normaliseCode, TOTP_CODE } from '../forms/limits.ts';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';

type Stage =
  | { name: 'starting' }
  | { name: 'failed'; message: string }
  | { name: 'scan'; enrolment: TotpEnrolment }
  | { name: 'codes'; recoveryCodes: string[] };

export function MfaEnrolment({
  onDone,
  onCancel,
  cancelLabel = 'Cancel',
  doneLabel = 'Continue',
}: {
  /** Called once the codes are saved; the session has a new CSRF token by then (already in use). */
  onDone: () => void;
  onCancel?: () => void;
  cancelLabel?: string;
  doneLabel?: string;
}) {
  const [stage, setStage] = useState<Stage>({ name: 'starting' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setStage({ name: 'starting' });
    identityApi.enrolTotp().then(
      (enrolment) => {
        if (current) setStage({ name: 'scan', enrolment });
      },
      (error: unknown) => {
        if (!current) return;
        const message =
          error instanceof ApiError
            ? error.code === problemCodes.mfaAlreadyEnrolled
              ? 'Two-step sign-in is already on for your account. To move it to a new phone, sign in with one of your recovery codes and ask your clinic admin to reset it.'
              : describeProblem(error)
            : 'We could not start the setup. Reload the page and try again.';
        setStage({ name: 'failed', message });
      },
    );
    return () => {
      current = false;
    };
  }, [attempt]);

  switch (stage.name) {
    case 'starting':
      return (
        <Group gap="sm" py="lg" role="status">
          <Loader size="sm" />
          <Text>Preparing your setup…</Text>
        </Group>
      );
    case 'failed':
      return (
        <Stack gap="md">
          <FormError title="The setup could not start" message={stage.message} />
          <Group gap="sm">
            <Button onClick={() => setAttempt((count) => count + 1)}>Try again</Button>
            {onCancel !== undefined && (
              <Button variant="default" onClick={onCancel}>
                {cancelLabel}
              </Button>
            )}
          </Group>
        </Stack>
      );
    case 'scan':
      return (
        <ScanAndConfirm
          enrolment={stage.enrolment}
          onConfirmed={(recoveryCodes) => setStage({ name: 'codes', recoveryCodes })}
          onCancel={onCancel}
          cancelLabel={cancelLabel}
        />
      );
    case 'codes':
      return <RecoveryCodes codes={stage.recoveryCodes} onDone={onDone} doneLabel={doneLabel} />;
  }
}

function ScanAndConfirm({
  enrolment,
  onConfirmed,
  onCancel,
  cancelLabel,
}: {
  enrolment: TotpEnrolment;
  onConfirmed: (recoveryCodes: string[]) => void;
  onCancel: (() => void) | undefined;
  cancelLabel: string;
}) {
  const [code, setCode] = useState('');
  const form = useSubmit({ invalid_mfa_code: 'code' });
  const qrSource = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`;
  const groupedSecret = enrolment.secret.replace(/(.{4})/g, '$1 ').trim();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const totp = normaliseCode(code);
    void form.submit(
      async () => {
        const { recoveryCodes, csrfToken } = await identityApi.confirmTotp(totp);
        // The session was renewed: the old token no longer works.
        setCsrfToken(csrfToken);
        onConfirmed(recoveryCodes);
      },
      { code: TOTP_CODE.test(totp) ? undefined : 'Enter the 6-digit code your app shows.' },
    );
  };

  return (
    <Stack gap="lg">
      <List type="ordered" spacing="xs">
        <List.Item>
          Install an authenticator app on your phone if you have none, such as Google Authenticator, Microsoft
          Authenticator or 1Password.
        </List.Item>
        <List.Item>In the app, add an account and scan this code.</List.Item>
        <List.Item>Type the 6-digit code the app then shows.</List.Item>
      </List>
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="lg">
        <Box p="sm" bg="white" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 12 }}>
          <Image
            src={qrSource}
            alt="QR code to add this account to an authenticator app"
            w="100%"
            maw={220}
            mx="auto"
            fit="contain"
          />
        </Box>
        <Stack gap={6} justify="center">
          <Group gap={6}>
            <IconKey size={18} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text fw={600} size="sm">
              Cannot scan? Enter this key instead
            </Text>
          </Group>
          <Text
            ff="monospace"
            fz="md"
            fw={600}
            p="sm"
            bg="gray.0"
            style={{ wordBreak: 'break-all', letterSpacing: '0.05em', borderRadius: 8 }}
          >
            {groupedSecret}
          </Text>
          <CopyButton value={enrolment.secret}>
            {({ copied, copy }) => (
              <Button
                variant="default"
                size="xs"
                w="fit-content"
                onClick={copy}
                leftSection={copied ? <IconCheck size={14} aria-hidden /> : <IconCopy size={14} aria-hidden />}
              >
                {copied ? 'Key copied' : 'Copy key'}
              </Button>
            )}
          </CopyButton>
          <Text size="xs" c="dimmed">
            Choose “time-based” if the app asks.
          </Text>
        </Stack>
      </SimpleGrid>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Code from your app"
            description="Six digits; a new one appears every 30 seconds."
            {...form.bind('code', code, setCode)}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={7}
            size="md"
            maw={260}
            styles={{ input: { letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' } }}
            required
          />
          <FormError message={form.formError} />
          <Group gap="sm">
            <Button type="submit" loading={form.submitting}>
              Turn on two-step sign-in
            </Button>
            {onCancel !== undefined && (
              <Button variant="default" onClick={onCancel}>
                {cancelLabel}
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

function RecoveryCodes({ codes, onDone, doneLabel }: { codes: string[]; onDone: () => void; doneLabel: string }) {
  const [saved, setSaved] = useState(false);
  const text = `Recovery codes for two-step sign-in. Each code works once.\n\n${codes.join('\n')}\n`;

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'puncta-recovery-codes.txt';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <Stack gap="lg">
      <Alert color="green" variant="light" radius="md" icon={<IconCheck aria-hidden />} role="status">
        <Text fw={600} c="green.9">
          Two-step sign-in is on.
        </Text>
      </Alert>
      <Stack gap={6}>
        <Title order={2} fz="lg">
          Save your recovery codes
        </Title>
        <Text c="dimmed">
          If you lose your phone, each of these codes lets you sign in once. This is the only time they are shown: keep
          them somewhere safe, such as a password manager.
        </Text>
      </Stack>
      <Box
        component="ul"
        aria-label="Recovery codes"
        p="md"
        m={0}
        style={{
          listStyle: 'none',
          display: 'grid',
          gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))',
          gap: '8px 16px',
          background: 'var(--mantine-color-gray-0)',
          border: '1px dashed var(--mantine-color-gray-4)',
          borderRadius: 12,
        }}
      >
        {codes.map((code) => (
          <li key={code}>
            <Text ff="monospace" fz="md" fw={600} style={{ whiteSpace: 'nowrap' }}>
              {code}
            </Text>
          </li>
        ))}
      </Box>
      <Group gap="sm">
        <CopyButton value={text}>
          {({ copied, copy }) => (
            <Button
              variant="default"
              onClick={copy}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            >
              {copied ? 'Copied' : 'Copy codes'}
            </Button>
          )}
        </CopyButton>
        <Button variant="default" onClick={download} leftSection={<IconDownload size={16} aria-hidden />}>
          Download as a file
        </Button>
      </Group>
      <Checkbox
        label="I have saved my recovery codes"
        checked={saved}
        onChange={(event) => setSaved(event.currentTarget.checked)}
      />
      <Button onClick={onDone} disabled={!saved} w="fit-content">
        {doneLabel}
      </Button>
    </Stack>
  );
}
