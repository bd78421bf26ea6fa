// Personal API tokens, for scripts and integrations that act as this person in
// this clinic. A new token is shown once, right after it is made; the server
// keeps only a hash of it. Revoking stops it at once.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Badge, Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { identityApi } from '../api/identity-api.ts';
import { API_TOKEN_SCOPES, type ApiTokenScope, type ApiTokenSummary } from '../api/identity-contract.ts';
import { Dialog } from '../forms/dialog.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { SecretShownOnce } from './secret-shown-once.tsx';
import { SettingsCard } from './settings-card.tsx';
import { LoadingLine } from '../pages/load-states.tsx';
import rowList from '../pages/row-list.module.css';

const scopeText: Record<ApiTokenScope, string> = {
  read: 'Read: look up records and schedules',
  write: 'Write: create and change records',
};

const expiryChoices = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'No expiry' },
];

export function ApiTokensCard() {
  const [tokens, setTokens] = useState<ApiTokenSummary[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ name: string; token: string } | undefined>();
  const [revoking, setRevoking] = useState<ApiTokenSummary | undefined>();
  const formatDate = useDateTimeFormat();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setTokens((await identityApi.apiTokens(signal)).tokens);
      setError(undefined);
    } catch (caught) {
      if (signal?.aborted === true) return;
      setError(caught instanceof ApiError ? describeProblem(caught) : 'We could not load your tokens.');
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  return (
    <SettingsCard
      title="API tokens"
      description="For scripts and other software that work with Puncta on your behalf, in this clinic. Treat a token like a password."
      actions={
        <Button leftSection={<IconPlus size={16} aria-hidden />} variant="default" onClick={() => setCreating(true)}>
          New token
        </Button>
      }
    >
      {created !== undefined && (
        <SecretShownOnce
          title={`Your new token “${created.name}”`}
          icon={<IconKey aria-hidden />}
          secret={created.token}
          intro={<Text size="sm">Copy it now: for your safety it is not shown again.</Text>}
          copyLabel="Copy token"
          hideLabel="Hide the token"
          onHide={() => setCreated(undefined)}
        />
      )}
      <FormError message={error} />
      {tokens === undefined && error === undefined && <LoadingLine>Loading your tokens…</LoadingLine>}
      {tokens !== undefined && tokens.length === 0 && (
        <Text c="dimmed" size="sm">
          You have no API tokens.
        </Text>
      )}
      {tokens !== undefined && tokens.length > 0 && (
        <ul className={rowList.rows} aria-label="API tokens">
          {tokens.map((token) => (
            <li key={token.id} className={rowList.row}>
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
                <Group gap="xs">
                  <Text fw={600}>{token.name}</Text>
                  {token.scopes.map((scope) => (
                    <Badge key={scope} size="sm" variant="light" color={scope === 'write' ? 'orange' : 'gray'}>
                      {scope}
                    </Badge>
                  ))}
                </Group>
                <Text size="xs" c="dimmed">
                  {token.lastUsedAt == null ? 'Never used' : `Last used ${formatDate(token.lastUsedAt)}`}
                  {' · '}
                  {token.expiresAt == null ? 'Does not expire' : `Expires ${formatDate(token.expiresAt)}`}
                </Text>
              </Stack>
              <Button variant="default" color="red" size="xs" onClick={() => setRevoking(token)}>
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <CreateTokenModal
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={(name, token) => {
          setCreating(false);
          setCreated({ name, token });
          void load();
        }}
      />
      <RevokeTokenModal
        token={revoking}
        onClose={() => setRevoking(undefined)}
        onRevoked={() => {
          setRevoking(undefined);
          void load();
        }}
      />
    </SettingsCard>
  );
}

function CreateTokenModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (name: string, token: string) => void;
}) {
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiTokenScope[]>(['read']);
  const [expiry, setExpiry] = useState('90');
  const form = useSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        const { token } = await identityApi.createApiToken({
          name: name.trim(),
          scopes,
          ...(expiry === 'never' ? {} : { expiresInDays: Number(expiry) }),
        });
        onCreated(name.trim(), token);
        setName('');
        setScopes(['read']);
      },
      {
        name: name.trim() === '' ? 'Give the token a name you will recognise.' : undefined,
        scopes: scopes.length === 0 ? 'Choose at least one permission.' : undefined,
      },
    );
  };

  return (
    <Dialog opened={opened} onClose={onClose} title="New API token">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            description="What the token is for, e.g. “Reception tablet” or “Weekly report script”."
            {...form.bind('name', name, setName)}
            maxLength={80}
            required
            data-autofocus
          />
          <Checkbox.Group
            label="What it may do"
            value={scopes}
            onChange={(value) => {
              setScopes(
                value.filter((scope): scope is ApiTokenScope =>
                  (API_TOKEN_SCOPES as readonly string[]).includes(scope),
                ),
              );
              form.clearFieldError('scopes');
            }}
            error={form.fieldErrors.scopes}
          >
            <Stack gap={8} mt={6}>
              {API_TOKEN_SCOPES.map((scope) => (
                <Checkbox key={scope} value={scope} label={scopeText[scope]} />
              ))}
            </Stack>
          </Checkbox.Group>
          <NativeSelect
            label="Expires after"
            data={expiryChoices}
            value={expiry}
            onChange={(event) => setExpiry(event.currentTarget.value)}
          />
          <FormError message={form.formError} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Create token
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

function RevokeTokenModal({
  token,
  onClose,
  onRevoked,
}: {
  token: ApiTokenSummary | undefined;
  onClose: () => void;
  onRevoked: () => void;
}) {
  const form = useSubmit();
  return (
    <Dialog opened={token !== undefined} onClose={onClose} title="Revoke this token?">
      <Stack gap="md">
        <Text>
          Anything using “{token?.name}” stops working at once. This cannot be undone; you can make a new token later.
        </Text>
        <FormError message={form.formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={form.submitting}
            onClick={() =>
              void form.submit(async () => {
                if (token === undefined) return;
                await identityApi.revokeApiToken(token.id);
                onRevoked();
              })
            }
          >
            Revoke token
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
