// A private calendar feed (issue 6): a secret address that calendar apps
// (Google Calendar, Apple Calendar, Outlook) subscribe to, listing a patient's own
// appointments or the ones a practitioner gives. The address is shown once, right
// after it is made (the server keeps only a hash of its secret); revoking a feed
// makes its address answer "not found" from then on.
import { useCallback, useEffect, useState } from 'react';
import { z } from 'zod';
import { Button, Group, List, Stack, Text } from '@mantine/core';
import { IconCalendarShare, IconPlus } from '@tabler/icons-react';
import { fetchJson, requestJson } from '../api/fetch-json.ts';
import { Dialog } from '../forms/dialog.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { useDateTimeFormat } from '../format/dates.ts';
import { problemText } from '../clinic-setup/parts.tsx';
import { SecretShownOnce } from './secret-shown-once.tsx';
import { SettingsCard } from './settings-card.tsx';
import { LoadingLine } from '../pages/load-states.tsx';
import rowList from '../pages/row-list.module.css';

const feedListSchema = z.object({ feeds: z.array(z.object({ id: z.string(), createdAt: z.string() })) });
const feedCreatedSchema = z.object({ id: z.string(), url: z.string() });
type Feed = z.infer<typeof feedListSchema>['feeds'][number];

export function CalendarFeedCard({ audience }: { audience: 'patient' | 'practitioner' }) {
  const [feeds, setFeeds] = useState<Feed[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<string | undefined>();
  const [revoking, setRevoking] = useState<Feed | undefined>();
  const formatDate = useDateTimeFormat();

  const load = useCallback(async (signal?: AbortSignal) => {
    try {
      setFeeds((await fetchJson('/api/v1/calendar-feeds', feedListSchema, signal)).feeds);
    } catch (caught) {
      if (signal?.aborted === true) return;
      setError(problemText(caught));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const create = () => {
    setCreating(true);
    setError(undefined);
    requestJson('/api/v1/calendar-feeds', feedCreatedSchema, { method: 'POST' })
      .then(
        (answer) => {
          setCreated(answer.url);
          return load();
        },
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setCreating(false));
  };

  return (
    <SettingsCard
      title="Calendar feed"
      description={
        audience === 'patient'
          ? 'See your appointments in your own calendar app. It updates by itself when an appointment is booked, moved or cancelled.'
          : 'See the appointments you give in your own calendar app. It updates by itself as bookings change; patients’ names and treatments are never in it.'
      }
      actions={
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={creating}
          disabled={creating}
          onClick={create}
        >
          Create a feed
        </Button>
      }
    >
      {created !== undefined && (
        <SecretShownOnce
          title="Your new calendar feed"
          icon={<IconCalendarShare aria-hidden />}
          secret={created}
          intro={
            <Text size="sm">
              Copy this address now: it is secret, and for your safety it is not shown again. Anyone who has it can see
              your appointment times, so keep it to yourself, and revoke the feed if it gets out.
            </Text>
          }
          copyLabel="Copy address"
          hideLabel="Hide the address"
          onHide={() => setCreated(undefined)}
          testId="calendar-feed-url"
        >
          <Text size="sm" fw={600}>
            To subscribe:
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>Google Calendar: Other calendars, +, From URL, then paste the address.</List.Item>
            <List.Item>Apple Calendar: File, New Calendar Subscription, then paste the address.</List.Item>
            <List.Item>Outlook: Add calendar, Subscribe from web, then paste the address.</List.Item>
          </List>
          <Text size="sm" c="dimmed">
            Calendar apps check for changes every few hours, so a change can take a while to show.
          </Text>
        </SecretShownOnce>
      )}
      <FormError message={error} />
      {feeds === undefined && error === undefined && <LoadingLine>Loading your feeds…</LoadingLine>}
      {feeds !== undefined && feeds.length === 0 && (
        <Text c="dimmed" size="sm">
          You have no calendar feeds.
        </Text>
      )}
      {feeds !== undefined && feeds.length > 0 && (
        <ul className={rowList.rows} aria-label="Calendar feeds">
          {feeds.map((feed, index) => (
            <li key={feed.id} className={rowList.row}>
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 240px' }}>
                <Text fw={600}>Feed {index + 1}</Text>
                <Text size="xs" c="dimmed">
                  Created {formatDate(feed.createdAt)}
                </Text>
              </Stack>
              <Button
                variant="default"
                color="red"
                size="xs"
                onClick={() => setRevoking(feed)}
                aria-label={`Revoke feed ${index + 1}, created ${formatDate(feed.createdAt)}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      {revoking !== undefined && (
        <RevokeFeedDialog
          feed={revoking}
          onClose={() => setRevoking(undefined)}
          onRevoked={() => {
            setRevoking(undefined);
            setCreated(undefined);
            void load();
          }}
        />
      )}
    </SettingsCard>
  );
}

function RevokeFeedDialog({ feed, onClose, onRevoked }: { feed: Feed; onClose: () => void; onRevoked: () => void }) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const formatDate = useDateTimeFormat();
  return (
    <Dialog opened onClose={onClose} title="Revoke this calendar feed?">
      <Stack gap="md">
        <Text>
          Calendars subscribed to the feed created {formatDate(feed.createdAt)} stop getting your appointments: its
          address no longer works. You can create a new feed at any time.
        </Text>
        <FormError message={error} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={saving}
            disabled={saving}
            onClick={() => {
              setSaving(true);
              setError(undefined);
              requestJson(`/api/v1/calendar-feeds/${feed.id}`, undefined, { method: 'DELETE' })
                .then(onRevoked, (cause: unknown) => setError(problemText(cause)))
                .finally(() => setSaving(false));
            }}
          >
            Revoke feed
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
