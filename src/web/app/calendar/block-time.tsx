// Blocked time on the staff calendar (issue 6: "front desk blocks time"): a
// practitioner, room or device taken out of booking between two times on the
// clinic's clocks, with a reason; POST /api/v1/time-blocks. A hatched block on the
// calendar is a button that offers to remove it (DELETE /api/v1/time-blocks/:id).
// The server refuses a block over a booking or another block (409), and its
// message is shown in the dialog as it is.
import { useMemo, useState, type CSSProperties, type FormEvent } from 'react';
import { Alert, Button, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { CalendarResourcesResponse, TimeBlockView } from '../../../domain/contracts/scheduling-admin.ts';
import { firstInstantAtOrAfter, formatInstant, offsetAt } from '../../../domain/scheduling/zoned-time.ts';
import {
  formatAppointment,
  formatLongDate,
  formatTime,
  localDateKey,
  zoneAbbreviation,
} from '../booking/clinic-zone.ts';
import { clinicInstant, clinicSetupApi } from '../clinic-setup/api.ts';
import { problemText, timeChoices } from '../clinic-setup/parts.tsx';
import { Dialog } from '../forms/dialog.tsx';

export type BlockKind = 'practitioner' | 'room' | 'device';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

const KIND_WORDS: Record<BlockKind, string> = { practitioner: 'Practitioner', room: 'Room', device: 'Device' };

function listOf(resources: CalendarResourcesResponse, kind: BlockKind) {
  return kind === 'practitioner' ? resources.practitioners : kind === 'room' ? resources.rooms : resources.devices;
}

/** Who or what a block takes: "Dr Maya Chen", "Room 1"... */
export function blockOwner(block: TimeBlockView, resources: CalendarResourcesResponse): string {
  const names = [
    block.practitionerId === null
      ? undefined
      : resources.practitioners.find((p) => p.id === block.practitionerId)?.name,
    block.roomId === null ? undefined : resources.rooms.find((r) => r.id === block.roomId)?.name,
    block.deviceId === null ? undefined : resources.devices.find((d) => d.id === block.deviceId)?.name,
  ].filter((name): name is string => name !== undefined);
  return names.length === 0 ? 'Blocked' : names.join(', ');
}

/** "9:00 AM to 11:00 AM EST on 2026-12-14", on the clinic's clocks. */
export function blockWhen(block: TimeBlockView, zone: string): string {
  const sameDay = localDateKey(block.start, zone) === localDateKey(block.end, zone);
  return sameDay
    ? `${formatTime(block.start, zone)} to ${formatTime(block.end, zone)} ${zoneAbbreviation(block.end, zone)} on ${localDateKey(block.start, zone)}`
    : `${formatAppointment(block.start, zone)} to ${formatAppointment(block.end, zone)}`;
}

/**
 * The minutes of local `day` (a day number) a block covers on the clinic's clocks,
 * 0 to 1440, or undefined when it does not touch that day. Time off spans days.
 */
export function blockMinutesOnDay(
  block: TimeBlockView,
  zone: string,
  day: number,
): { start: number; end: number } | undefined {
  const dayStart = firstInstantAtOrAfter(zone, day, 0);
  const dayEnd = firstInstantAtOrAfter(zone, day + 1, 0);
  const start = Date.parse(block.start);
  const end = Date.parse(block.end);
  if (end <= dayStart || start >= dayEnd) return undefined;
  const minuteOf = (ms: number) => Math.round((ms + offsetAt(zone, ms) - day * DAY_MS) / MINUTE_MS);
  return { start: start <= dayStart ? 0 : minuteOf(start), end: end >= dayEnd ? 1440 : minuteOf(end) };
}

/** A hatched block in a calendar column: a button that offers to remove it. */
export function BlockButton({
  block,
  zone,
  className,
  style,
  onOpen,
}: {
  block: TimeBlockView;
  zone: string;
  className: string;
  style: CSSProperties;
  onOpen: (block: TimeBlockView) => void;
}) {
  const shown = block.note === null ? 'Blocked' : `Blocked: ${block.note}`;
  return (
    // The name starts with the text shown ("Blocked: Staff meeting"), then says when and what a click does.
    <button
      type="button"
      className={className}
      data-block-id={block.id}
      style={style}
      aria-label={`${shown}, ${blockWhen(block, zone)}. Remove block…`}
      onClick={() => onOpen(block)}
    >
      {shown}
    </button>
  );
}

/** "Tuesday, May 4, 2027, 1:00 PM to 2:30 PM EDT (America/New_York)", or both dates when they differ. */
function rangeSentence(start: number, end: number, zone: string): string {
  const from = new Date(start).toISOString();
  const to = new Date(end).toISOString();
  return localDateKey(from, zone) === localDateKey(to, zone)
    ? `${formatLongDate(from, zone)}, ${formatTime(from, zone)} to ${formatTime(to, zone)} ${zoneAbbreviation(to, zone)} (${zone})`
    : `${formatAppointment(from, zone)} to ${formatAppointment(to, zone)} (${zone})`;
}

export function BlockTimeDialog({
  resources,
  zone,
  date,
  kind: initialKind,
  onClose,
  onSaved,
}: {
  resources: CalendarResourcesResponse;
  zone: string;
  /** The day shown, "YYYY-MM-DD". */
  date: string;
  kind: BlockKind;
  onClose: () => void;
  onSaved: (notice: string) => void;
}) {
  const [kind, setKind] = useState<BlockKind>(initialKind);
  const [resourceId, setResourceId] = useState(listOf(resources, initialKind)[0]?.id ?? '');
  const [startDate, setStartDate] = useState(date);
  const [startTime, setStartTime] = useState('09:00');
  const [endDate, setEndDate] = useState(date);
  const [endTime, setEndTime] = useState('10:00');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const choices = useMemo(() => timeChoices(), []);

  const start = startDate === '' ? undefined : clinicInstant(zone, startDate, startTime);
  const end = endDate === '' ? undefined : clinicInstant(zone, endDate, endTime);
  const valid = start !== undefined && end !== undefined && end > start && resourceId !== '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (!valid) {
      setError(resourceId === '' ? `Choose a ${kind}.` : 'The end must be after the start.');
      return;
    }
    setSaving(true);
    setError(undefined);
    clinicSetupApi
      .addBlock({
        ...(kind === 'practitioner'
          ? { practitionerId: resourceId }
          : kind === 'room'
            ? { roomId: resourceId }
            : { deviceId: resourceId }),
        start: formatInstant(zone, start),
        end: formatInstant(zone, end),
        ...(reason.trim() === '' ? {} : { note: reason.trim() }),
      })
      .then(
        (block) => onSaved(`Blocked ${blockOwner(block, resources)}, ${blockWhen(block, zone)}.`),
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <Dialog opened onClose={onClose} title="Block time">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="block-kind">
              What to block
            </Text>
            <SegmentedControl
              aria-labelledby="block-kind"
              value={kind}
              onChange={(value) => {
                const next = value as BlockKind;
                setKind(next);
                setResourceId(listOf(resources, next)[0]?.id ?? '');
              }}
              data={(['practitioner', 'room', 'device'] as const).map((value) => ({
                value,
                label: KIND_WORDS[value],
              }))}
            />
          </Stack>
          <NativeSelect
            label={KIND_WORDS[kind]}
            value={resourceId}
            onChange={(event) => setResourceId(event.currentTarget.value)}
            data={listOf(resources, kind).map((item) => ({ value: item.id, label: item.name }))}
          />
          <Group grow align="flex-start" gap="sm">
            <TextInput
              type="date"
              label="From"
              value={startDate}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setStartDate(value);
                if (value !== '' && (endDate === '' || endDate < value)) setEndDate(value);
              }}
            />
            <NativeSelect
              label="Start time"
              value={startTime}
              data={choices.filter((time) => time !== '24:00')}
              onChange={(event) => setStartTime(event.currentTarget.value)}
            />
          </Group>
          <Group grow align="flex-start" gap="sm">
            <TextInput
              type="date"
              label="Until"
              value={endDate}
              onChange={(event) => setEndDate(event.currentTarget.value)}
            />
            <NativeSelect
              label="End time"
              value={endTime}
              data={choices.filter((time) => time !== '00:00')}
              onChange={(event) => setEndTime(event.currentTarget.value)}
            />
          </Group>
          <Text size="sm" fw={600}>
            {valid ? rangeSentence(start, end, zone) : `Times are on the clinic’s clocks (${zone}).`}
          </Text>
          <TextInput
            label="Reason"
            description="Shown on the calendar, e.g. “Device service” or “Staff meeting”."
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.currentTarget.value)}
          />
          {error !== undefined && (
            <Alert color="red" role="alert" title="Not blocked">
              {error}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving} disabled={saving}>
              Block time
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

export function RemoveBlockDialog({
  block,
  resources,
  zone,
  onClose,
  onRemoved,
}: {
  block: TimeBlockView;
  resources: CalendarResourcesResponse;
  zone: string;
  onClose: () => void;
  onRemoved: (notice: string) => void;
}) {
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <Dialog opened onClose={onClose} title="Blocked time">
      <Stack gap="md">
        <Text>
          {blockOwner(block, resources)}: {blockWhen(block, zone)}.
        </Text>
        {block.note !== null && <Text size="sm">Reason: {block.note}</Text>}
        <Text size="sm" c="dimmed">
          Removing the block makes the time bookable again.
        </Text>
        {error !== undefined && (
          <Alert color="red" role="alert" title="Not removed">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Keep it
          </Button>
          <Button
            color="red"
            loading={saving}
            disabled={saving}
            onClick={() => {
              setSaving(true);
              setError(undefined);
              clinicSetupApi
                .removeBlock(block.id)
                .then(
                  () => onRemoved(`Removed the block: ${blockOwner(block, resources)}, ${blockWhen(block, zone)}.`),
                  (cause: unknown) => setError(problemText(cause)),
                )
                .finally(() => setSaving(false));
            }}
          >
            Remove block
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
