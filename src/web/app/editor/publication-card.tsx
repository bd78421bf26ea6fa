// When the article is public: now, on a date and time in the clinic's time zone,
// or not (back to draft). Unsaved changes are saved first.
import { useState } from 'react';
import { Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCalendarTime, IconEyeOff, IconWorldUpload } from '@tabler/icons-react';
import { useDateTimeFormat } from '../format/dates.ts';
import type { Article } from './api.ts';
import { clinicTimeToInstant, instantToClinicTime, zoneCity } from './clinic-time.ts';

export function PublicationCard({
  article,
  timeZone,
  busy,
  onPublish,
  onUnpublish,
}: {
  article: Article | undefined;
  timeZone: string;
  busy: boolean;
  onPublish: (publishAt: string | undefined) => void;
  onUnpublish: () => void;
}) {
  const formatDate = useDateTimeFormat();
  const [when, setWhen] = useState(() =>
    instantToClinicTime(
      article?.state === 'scheduled' && article.publishAt !== null
        ? new Date(article.publishAt)
        : nextMorning(timeZone),
      timeZone,
    ),
  );
  const [whenError, setWhenError] = useState<string | undefined>();
  const state = article?.state ?? 'draft';
  const city = zoneCity(timeZone);

  const schedule = () => {
    const instant = clinicTimeToInstant(when, timeZone);
    if (instant === undefined) {
      setWhenError('Choose a date and a time.');
      return;
    }
    if (instant.getTime() <= Date.now()) {
      setWhenError('Choose a time in the future, or publish now.');
      return;
    }
    setWhenError(undefined);
    onPublish(instant.toISOString());
  };

  return (
    <Card withBorder radius="lg" p="lg">
      <Stack gap="md">
        <Title order={2} fz="lg">
          Publication
        </Title>
        <Text size="sm">
          {state === 'draft' && 'A draft: only the clinic team sees it.'}
          {state === 'published' &&
            `On the site since ${formatDate(article?.publishAt)}. Saved changes show there at once.`}
          {state === 'scheduled' &&
            `Scheduled for ${formatDate(article?.publishAt)} (${city} time). It goes public on its own then.`}
        </Text>
        {state !== 'published' && (
          <Button
            leftSection={<IconWorldUpload size={18} aria-hidden />}
            onClick={() => onPublish(undefined)}
            loading={busy}
            variant={state === 'scheduled' ? 'default' : 'filled'}
            style={{ alignSelf: 'flex-start' }}
          >
            Publish now
          </Button>
        )}
        {state !== 'published' && (
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="datetime-local"
              label={`Publish on (${city} time)`}
              description={`The clinic’s time zone, ${timeZone}, whatever your computer’s is.`}
              value={when}
              onChange={(event) => {
                setWhen(event.currentTarget.value);
                setWhenError(undefined);
              }}
              error={whenError}
              style={{ flex: '1 1 240px' }}
            />
            <Button
              variant="default"
              leftSection={<IconCalendarTime size={18} aria-hidden />}
              onClick={schedule}
              loading={busy}
            >
              {state === 'scheduled' ? 'Reschedule' : 'Schedule'}
            </Button>
          </Group>
        )}
        {(state === 'published' || state === 'scheduled') && (
          <Button
            variant="default"
            color="gray"
            leftSection={<IconEyeOff size={18} aria-hidden />}
            onClick={onUnpublish}
            loading={busy}
            style={{ alignSelf: 'flex-start' }}
          >
            {state === 'scheduled' ? 'Cancel the schedule (back to draft)' : 'Unpublish (back to draft)'}
          </Button>
        )}
      </Stack>
    </Card>
  );
}

/** 9:00 tomorrow on the clinic's clocks: a sensible first suggestion. */
function nextMorning(timeZone: string): Date {
  const tomorrow = instantToClinicTime(new Date(Date.now() + 24 * 60 * 60 * 1000), timeZone).slice(0, 10);
  return clinicTimeToInstant(`${tomorrow}T09:00`, timeZone) ?? new Date(Date.now() + 24 * 60 * 60 * 1000);
}
