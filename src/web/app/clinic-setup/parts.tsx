// Pieces the clinic-setup screens share: the server's problem in words (with its
// field messages, so "Spans of one day must not overlap" reaches the person), the
// zone sentence every page shows, and the list of wall-clock times to pick from.
import { Button, Group, Text } from '@mantine/core';
import { IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import { describeProblem } from '../forms/problem-text.ts';
import { zoneAbbreviation, zoneCity } from '../booking/clinic-zone.ts';

/** The server's problem+json message, with the field messages of a validation problem. */
export function problemText(cause: unknown): string {
  if (!(cause instanceof ApiError)) {
    return cause instanceof Error ? cause.message : 'Something went wrong in this page. Reload it and try again.';
  }
  if (cause.code === 'validation_failed' && cause.fieldErrors.length > 0) {
    const details = [...new Set(cause.fieldErrors.map((field) => field.message))].join(' ');
    return `${cause.message} ${details}`.trim();
  }
  return describeProblem(cause);
}

/** "Times are in the clinic’s time zone: America/New_York (EST)." */
export function ZoneNote({ zone }: { zone: string }) {
  const now = new Date().toISOString();
  return (
    <Text size="sm" c="dimmed">
      Times are in the clinic’s time zone: {zoneCity(zone)} time, {zone} ({zoneAbbreviation(now, zone)}).
    </Text>
  );
}

/** "HH:MM" every 15 minutes from 00:00 to 24:00 (the end of the day), plus any other value in use. */
export function timeChoices(extra: readonly string[] = []): string[] {
  const times = Array.from({ length: 97 }, (_, index) => {
    const minute = index * 15;
    return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
  });
  return [...new Set([...times, ...extra])].sort();
}

export const WEEKDAYS = [
  { weekday: 1, name: 'Monday' },
  { weekday: 2, name: 'Tuesday' },
  { weekday: 3, name: 'Wednesday' },
  { weekday: 4, name: 'Thursday' },
  { weekday: 5, name: 'Friday' },
  { weekday: 6, name: 'Saturday' },
  { weekday: 7, name: 'Sunday' },
] as const;

/**
 * The button that sends a set-up form, busy while it saves: "save" (filled, a disk)
 * for a form that changes what is there, "add" (quiet, a plus) for one that adds a row.
 */
export function SubmitRow({ kind, saving, children }: { kind: 'save' | 'add'; saving: boolean; children: string }) {
  return (
    <Group>
      <Button
        type="submit"
        variant={kind === 'add' ? 'default' : undefined}
        loading={saving}
        disabled={saving}
        leftSection={kind === 'add' ? <IconPlus size={16} aria-hidden /> : <IconDeviceFloppy size={16} aria-hidden />}
      >
        {children}
      </Button>
    </Group>
  );
}
