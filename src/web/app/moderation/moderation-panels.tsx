// The side panels of the moderation screen: how the clinic runs its comments
// (admins only) and the blocklist of words, link domains, emails and addresses.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  PasswordInput,
  SegmentedControl,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { SETTINGS_LIMITS, moderationApi, type CommentBlock, type CommentSettingsView } from './api.ts';

export function SettingsPanel() {
  const [settings, setSettings] = useState<CommentSettingsView | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  /** The Akismet-compatible endpoint as typed, and a new key (the stored one is never sent back). */
  const [akismetEndpoint, setAkismetEndpoint] = useState('');
  const [akismetKey, setAkismetKey] = useState('');
  const form = useSubmit();

  const showSettings = useCallback((next: CommentSettingsView) => {
    setSettings(next);
    setAkismetEndpoint(next.akismetEndpoint ?? '');
    setAkismetKey('');
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    moderationApi.settings(controller.signal).then(showSettings, (error: unknown) => {
      if (controller.signal.aborted) return;
      setLoadError(error instanceof ApiError ? describeProblem(error) : 'We could not load the settings.');
    });
    return () => controller.abort();
  }, [showSettings]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (settings === undefined) return;
    setSaved(false);
    void form.submit(async () => {
      const endpoint = akismetEndpoint.trim();
      const key = akismetKey.trim();
      showSettings(
        await moderationApi.saveSettings({
          moderateAll: settings.moderateAll,
          maxLinks: settings.maxLinks,
          minSecondsToSubmit: settings.minSecondsToSubmit,
          // An empty endpoint turns the check off and forgets the key; an empty key field keeps the stored one.
          akismetEndpoint: endpoint === '' ? null : endpoint,
          ...(endpoint === '' ? { akismetKey: null } : key === '' ? {} : { akismetKey: key }),
        }),
      );
      setSaved(true);
    });
  };

  return (
    <Card withBorder radius="lg" padding="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">
          Settings
        </Title>
        <FormError message={loadError} />
        {settings === undefined && loadError === undefined && <Skeleton height={160} radius="md" />}
        {settings !== undefined && (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <Switch
                label="Hold every comment for review"
                description="Even from trusted commenters, whose comments otherwise appear at once."
                checked={settings.moderateAll}
                onChange={(event) => {
                  const checked = event.currentTarget.checked;
                  setSettings((current) => (current === undefined ? current : { ...current, moderateAll: checked }));
                }}
              />
              <NumberInput
                label="Links allowed in a comment"
                description="More are held; far more are sorted as spam."
                min={SETTINGS_LIMITS.maxLinks.min}
                max={SETTINGS_LIMITS.maxLinks.max}
                value={settings.maxLinks}
                onChange={(value) =>
                  setSettings((current) =>
                    current === undefined ? current : { ...current, maxLinks: Number(value) || 0 },
                  )
                }
                error={form.fieldErrors.maxLinks}
              />
              <NumberInput
                label="Fastest a person can post (seconds)"
                description="A form sent back sooner after it was shown is treated as a script."
                min={SETTINGS_LIMITS.minSecondsToSubmit.min}
                max={SETTINGS_LIMITS.minSecondsToSubmit.max}
                value={settings.minSecondsToSubmit}
                onChange={(value) =>
                  setSettings((current) =>
                    current === undefined ? current : { ...current, minSecondsToSubmit: Number(value) || 0 },
                  )
                }
                error={form.fieldErrors.minSecondsToSubmit}
              />
              <TextInput
                label="Spam-check service (optional)"
                description="An Akismet-compatible address, such as https://rest.akismet.com. Leave empty to use only the checks above."
                placeholder="https://rest.akismet.com"
                type="url"
                autoComplete="off"
                value={akismetEndpoint}
                onChange={(event) => setAkismetEndpoint(event.currentTarget.value)}
                error={form.fieldErrors.akismetEndpoint}
              />
              <PasswordInput
                label="Spam-check API key"
                description={
                  settings.akismetConfigured
                    ? 'A key is saved. Leave this empty to keep it, or type a new one to replace it.'
                    : 'Needed with the address above.'
                }
                autoComplete="new-password"
                value={akismetKey}
                onChange={(event) => setAkismetKey(event.currentTarget.value)}
                error={form.fieldErrors.akismetKey}
              />
              <FormError message={form.formError} />
              {saved && <FormSuccess>Saved. New comments follow these settings.</FormSuccess>}
              <Group justify="flex-end">
                <Button type="submit" loading={form.submitting}>
                  Save settings
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}

const KIND_LABELS: Record<CommentBlock['kind'], string> = {
  word: 'Word',
  domain: 'Domain',
  email: 'Email',
  ip: 'Address',
};

export function BlocklistPanel() {
  const [blocks, setBlocks] = useState<CommentBlock[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [kind, setKind] = useState<'word' | 'domain'>('word');
  const [value, setValue] = useState('');
  const [removeError, setRemoveError] = useState<string | undefined>();
  const form = useSubmit({ invalid_domain: 'value', invalid_word: 'value' });

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setBlocks((await moderationApi.blocklist(signal)).blocks);
      setLoadError(undefined);
    } catch (error) {
      if (signal?.aborted === true) return;
      setLoadError(error instanceof ApiError ? describeProblem(error) : 'We could not load the blocklist.');
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void form.submit(
      async () => {
        await moderationApi.addToBlocklist(kind, value.trim());
        setValue('');
        await load();
      },
      { value: value.trim() === '' ? 'Enter a word, a phrase or a domain.' : undefined },
    );
  };

  return (
    <Card withBorder radius="lg" padding="lg">
      <Stack gap="md">
        <div>
          <Title order={2} fz="lg">
            Blocklist
          </Title>
          <Text size="sm" c="dimmed">
            Comments with these words or links, or from these emails and addresses, go to Likely spam.
          </Text>
        </div>
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <SegmentedControl
              value={kind}
              onChange={(next) => setKind(next === 'domain' ? 'domain' : 'word')}
              data={[
                { value: 'word', label: 'Word or phrase' },
                { value: 'domain', label: 'Link domain' },
              ]}
              aria-label="What to block"
            />
            <TextInput
              label={kind === 'word' ? 'Word or phrase' : 'Domain'}
              placeholder={kind === 'word' ? 'casino bonus' : 'spam-shop.example'}
              {...form.bind('value', value, setValue)}
            />
            <FormError message={form.formError} />
            <Group justify="flex-end">
              <Button type="submit" variant="light" loading={form.submitting}>
                Add to blocklist
              </Button>
            </Group>
          </Stack>
        </form>
        <FormError message={loadError ?? removeError} />
        {blocks === undefined && loadError === undefined && <Skeleton height={80} radius="md" />}
        {blocks !== undefined && blocks.length === 0 && (
          <Text size="sm" c="dimmed">
            Nothing is blocked yet.
          </Text>
        )}
        {blocks !== undefined && blocks.length > 0 && (
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Blocked">
            {blocks.map((block) => (
              <Group key={block.id} component="li" justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                  <Badge size="sm" variant="light" color="gray">
                    {KIND_LABELS[block.kind]}
                  </Badge>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {block.value}
                  </Text>
                </Group>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Remove ${block.value} from the blocklist`}
                  onClick={() => {
                    setRemoveError(undefined);
                    moderationApi.removeFromBlocklist(block.id).then(
                      () => load(),
                      (error: unknown) =>
                        setRemoveError(error instanceof ApiError ? describeProblem(error) : 'That did not work.'),
                    );
                  }}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
