// The staff calendar (issue 6): a day or a week, columns by practitioner, room or
// device, every time on the clinic's clocks and labelled with its zone. Bookings
// come from GET /api/v1/bookings, blocks (hatched) from GET /api/v1/time-blocks.
// Click an empty slot to book for a patient; drag a booking to another time or
// column, or use its "Move…" button (the keyboard way): the move is checked on the
// loaded calendar with conflicts() before it is saved with If-Match; 409 and 412
// answers are shown as they are and the calendar reloads.
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import { z } from 'zod';
import { Alert, Button, Group, List, SegmentedControl, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import {
  bookingListResponseSchema,
  servicesResponseSchema,
  type BookableService,
  type BookingView,
} from '../../../domain/contracts/scheduling.ts';
import {
  calendarResourcesResponseSchema,
  timeBlockListResponseSchema,
  type CalendarResourcesResponse,
  type TimeBlockView,
} from '../../../domain/contracts/scheduling-admin.ts';
import { conflicts, type Conflict } from '../../../domain/scheduling/availability.ts';
import type { BusyInterval } from '../../../domain/scheduling/types.ts';
import {
  dateOfDay,
  dayNumber,
  firstInstantAtOrAfter,
  formatInstant,
  isoWeekday,
  localDayOf,
  offsetAt,
  wallClockInstants,
} from '../../../domain/scheduling/zoned-time.ts';
import { ApiError, fetchJson } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { bookingApi, newIdempotencyKey } from '../booking/api.ts';
import { Dialog } from '../forms/dialog.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import classes from './calendar.module.css';

const FIRST_HOUR = 7;
const LAST_HOUR = 20;
const STEP = 15;
const PX_PER_STEP = 16;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

type View = 'day' | 'week';
type Grouping = 'practitioner' | 'room' | 'device';

const patientListSchema = z.object({
  patients: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string() })),
});

interface Column {
  key: string;
  label: string;
  day: number;
  /** The resource the column shows, or all of the grouping's kind in a week view. */
  resourceId: string | undefined;
}

interface Loaded {
  timeZone: string;
  resources: CalendarResourcesResponse;
  bookings: BookingView[];
  blocks: TimeBlockView[];
  services: BookableService[];
  patients: Map<string, string>;
}

interface MoveDraft {
  booking: BookingView;
  date: string;
  time: string;
  practitionerId: string;
}

interface BookDraft {
  date: string;
  time: string;
  practitionerId: string;
  patientId: string | null;
  serviceId: string | null;
}

/** Local day and minute of an instant on the clinic's clocks. */
function localParts(zone: string, iso: string): { day: number; minute: number } {
  const ms = Date.parse(iso);
  const local = ms + offsetAt(zone, ms);
  const day = localDayOf(zone, ms);
  return { day, minute: Math.round((local - day * DAY_MS) / MINUTE_MS) };
}

/** The instant the clinic's clocks read `time` on `date` (the first, in a repeated hour; the jump, in a gap). */
function instantAt(zone: string, date: string, time: string): number {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const minute = hours * 60 + minutes;
  const day = dayNumber(date);
  return wallClockInstants(zone, day, minute)[0] ?? firstInstantAtOrAfter(zone, day, minute);
}

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

function timeLabel(zone: string, ms: number): string {
  return new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(ms);
}

function zoneLabel(zone: string, ms: number): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(ms)
    .find((entry) => entry.type === 'timeZoneName');
  return part?.value ?? zone;
}

function dayLabel(day: number): string {
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    day * DAY_MS,
  );
}

function busyOf(data: Loaded): BusyInterval[] {
  const busy: BusyInterval[] = [];
  for (const booking of data.bookings) {
    if (booking.status === 'cancelled') continue;
    const base = { start: booking.start, end: booking.end, reason: 'booking' as const, bookingId: booking.id };
    busy.push({ ...base, resource: { kind: 'practitioner', id: booking.practitionerId } });
    if (booking.roomId !== null) busy.push({ ...base, resource: { kind: 'room', id: booking.roomId } });
    if (booking.deviceId !== null) busy.push({ ...base, resource: { kind: 'device', id: booking.deviceId } });
  }
  for (const block of data.blocks) {
    const base = { start: block.start, end: block.end, reason: 'block' as const, bookingId: block.id };
    if (block.practitionerId !== null)
      busy.push({ ...base, resource: { kind: 'practitioner', id: block.practitionerId } });
    if (block.roomId !== null) busy.push({ ...base, resource: { kind: 'room', id: block.roomId } });
    if (block.deviceId !== null) busy.push({ ...base, resource: { kind: 'device', id: block.deviceId } });
  }
  return busy;
}

function resourceOf(
  item: { practitionerId: string | null; roomId: string | null; deviceId: string | null },
  grouping: Grouping,
) {
  return grouping === 'practitioner' ? item.practitionerId : grouping === 'room' ? item.roomId : item.deviceId;
}

export function CalendarPage() {
  const session = useSignedInSession();
  const api = useMemo(() => bookingApi(session.csrfToken), [session.csrfToken]);
  const [view, setView] = useState<View>('day');
  const [grouping, setGrouping] = useState<Grouping>('practitioner');
  const [anchor, setAnchor] = useState<string | undefined>(
    () => new URLSearchParams(window.location.search).get('date') ?? undefined,
  );
  const [weekResource, setWeekResource] = useState<string | null>(null);
  const [data, setData] = useState<Loaded | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [move, setMove] = useState<MoveDraft | undefined>();
  const [book, setBook] = useState<BookDraft | undefined>();
  const [dropKey, setDropKey] = useState<string | undefined>();
  const reload = useCallback(() => setAttempt((count) => count + 1), []);

  const zone = data?.timeZone ?? data?.resources.timeZone;

  // The clinic's zone comes with the resources; the range is computed in it.
  const [resources, setResources] = useState<CalendarResourcesResponse | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    fetchJson('/api/v1/calendar/resources', calendarResourcesResponseSchema, controller.signal).then(
      (answer) => {
        setResources(answer);
        setAnchor((current) => current ?? dateOfDay(localDayOf(answer.timeZone, Date.now())));
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setError(cause instanceof Error ? cause.message : String(cause));
      },
    );
    return () => controller.abort();
  }, []);

  const range = useMemo(() => {
    if (resources === undefined || anchor === undefined) return undefined;
    const anchorDay = dayNumber(anchor);
    const firstDay = view === 'day' ? anchorDay : anchorDay - (isoWeekday(anchorDay) - 1);
    const days = view === 'day' ? 1 : 7;
    const tz = resources.timeZone;
    return {
      firstDay,
      days,
      from: formatInstant(tz, firstInstantAtOrAfter(tz, firstDay, 0)),
      to: formatInstant(tz, firstInstantAtOrAfter(tz, firstDay + days, 0)),
    };
  }, [resources, anchor, view]);

  useEffect(() => {
    if (resources === undefined || range === undefined) return;
    const controller = new AbortController();
    const query = new URLSearchParams({ from: range.from, to: range.to }).toString();
    Promise.all([
      fetchJson(`/api/v1/bookings?${query}`, bookingListResponseSchema, controller.signal),
      fetchJson(`/api/v1/time-blocks?${query}`, timeBlockListResponseSchema, controller.signal),
      fetchJson('/api/v1/services', servicesResponseSchema, controller.signal),
      fetchJson('/api/v1/patients', patientListSchema, controller.signal),
    ]).then(
      ([bookings, blocks, services, patients]) => {
        setData({
          timeZone: bookings.timeZone,
          resources,
          bookings: bookings.bookings,
          blocks: blocks.blocks,
          services: services.services,
          patients: new Map(patients.patients.map((p) => [p.id, `${p.givenName} ${p.familyName}`])),
        });
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setError(cause instanceof Error ? cause.message : String(cause));
      },
    );
    return () => controller.abort();
  }, [resources, range, attempt]);

  const groupItems = useMemo(() => {
    if (resources === undefined) return [];
    return grouping === 'practitioner'
      ? resources.practitioners
      : grouping === 'room'
        ? resources.rooms
        : resources.devices;
  }, [resources, grouping]);

  const columns: Column[] = useMemo(() => {
    if (range === undefined) return [];
    if (view === 'day') {
      return groupItems.map((item) => ({ key: item.id, label: item.name, day: range.firstDay, resourceId: item.id }));
    }
    const chosen = weekResource ?? groupItems[0]?.id;
    return Array.from({ length: 7 }, (_, index) => ({
      key: String(range.firstDay + index),
      label: dayLabel(range.firstDay + index),
      day: range.firstDay + index,
      resourceId: chosen,
    }));
  }, [range, view, groupItems, weekResource]);

  const nameOf = useCallback(
    (kind: Grouping, id: string | null) => {
      if (id === null || resources === undefined) return '';
      const list =
        kind === 'practitioner' ? resources.practitioners : kind === 'room' ? resources.rooms : resources.devices;
      return list.find((item) => item.id === id)?.name ?? '';
    },
    [resources],
  );

  if (error !== undefined && data === undefined) {
    return (
      <Stack>
        <PageHeader title="Calendar" />
        <Alert color="red" title="The calendar could not be loaded">
          {error}
        </Alert>
      </Stack>
    );
  }
  if (data === undefined || zone === undefined || range === undefined || anchor === undefined) {
    return (
      <Stack role="status" aria-busy="true" aria-label="Loading the calendar">
        <PageHeader title="Calendar" />
        <Skeleton height={400} />
      </Stack>
    );
  }

  const steps = ((LAST_HOUR - FIRST_HOUR) * 60) / STEP;
  const height = steps * PX_PER_STEP;
  const rangeStartMs = Date.parse(range.from);
  const zoneName = zoneLabel(zone, rangeStartMs);
  const serviceName = (id: string) => data.services.find((service) => service.id === id)?.name ?? 'Appointment';
  const top = (minute: number) => ((minute - FIRST_HOUR * 60) / STEP) * PX_PER_STEP;

  const inColumn = (
    column: Column,
    item: { start: string; practitionerId: string | null; roomId: string | null; deviceId: string | null },
  ) => localParts(zone, item.start).day === column.day && resourceOf(item, grouping) === column.resourceId;

  function openBook(column: Column, minute: number) {
    const practitionerId =
      grouping === 'practitioner' && column.resourceId !== undefined
        ? column.resourceId
        : (data?.resources.practitioners[0]?.id ?? '');
    setBook({ date: dateOfDay(column.day), time: hhmm(minute), practitionerId, patientId: null, serviceId: null });
  }

  function dropOn(column: Column, minute: number, event: DragEvent) {
    event.preventDefault();
    setDropKey(undefined);
    const id = event.dataTransfer.getData('text/plain');
    const booking = data?.bookings.find((candidate) => candidate.id === id);
    if (booking === undefined) return;
    const practitionerId =
      grouping === 'practitioner' && column.resourceId !== undefined ? column.resourceId : booking.practitionerId;
    setMove({ booking, date: dateOfDay(column.day), time: hhmm(minute), practitionerId });
  }

  function shift(days: number) {
    setAnchor(dateOfDay(dayNumber(anchor!) + days));
  }

  return (
    <Stack gap="md">
      <PageHeader title="Calendar" description={`Times are in the clinic’s time zone: ${zone} (${zoneName}).`} />
      <Group gap="sm" wrap="wrap">
        <Button
          variant="default"
          onClick={() => shift(view === 'day' ? -1 : -7)}
          leftSection={<IconChevronLeft size={16} />}
        >
          {view === 'day' ? 'Previous day' : 'Previous week'}
        </Button>
        <TextInput
          type="date"
          aria-label="Date"
          value={anchor}
          onChange={(event) => event.currentTarget.value !== '' && setAnchor(event.currentTarget.value)}
        />
        <Button
          variant="default"
          onClick={() => shift(view === 'day' ? 1 : 7)}
          rightSection={<IconChevronRight size={16} />}
        >
          {view === 'day' ? 'Next day' : 'Next week'}
        </Button>
        <SegmentedControl
          aria-label="View"
          value={view}
          onChange={(value) => setView(value as View)}
          data={[
            { value: 'day', label: 'Day' },
            { value: 'week', label: 'Week' },
          ]}
        />
        <SegmentedControl
          aria-label="Columns"
          value={grouping}
          onChange={(value) => {
            setGrouping(value as Grouping);
            setWeekResource(null);
          }}
          data={[
            { value: 'practitioner', label: 'Practitioners' },
            { value: 'room', label: 'Rooms' },
            { value: 'device', label: 'Devices' },
          ]}
        />
        {view === 'week' && (
          <Select
            aria-label="Whose week"
            value={weekResource ?? groupItems[0]?.id ?? null}
            onChange={setWeekResource}
            data={groupItems.map((item) => ({ value: item.id, label: item.name }))}
            allowDeselect={false}
          />
        )}
        <Button variant="subtle" onClick={reload}>
          Reload
        </Button>
      </Group>
      {error !== undefined && (
        <Alert color="red" title="That did not work" withCloseButton onClose={() => setError(undefined)} role="alert">
          {error}
        </Alert>
      )}
      {notice !== undefined && (
        <Alert color="green" withCloseButton onClose={() => setNotice(undefined)} role="status">
          {notice}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        Click an empty time to book. Drag a booking to move it, or use its “Move…” button. Hatched areas are blocked
        time.
      </Text>
      <div
        className={classes.grid}
        style={{ gridTemplateColumns: `64px repeat(${columns.length}, minmax(160px, 1fr))` }}
        role="grid"
        aria-label={view === 'day' ? `Calendar for ${dayLabel(range.firstDay)}` : `Week of ${dayLabel(range.firstDay)}`}
      >
        <div className={classes.head}>{zoneName}</div>
        {columns.map((column) => (
          <div key={column.key} className={classes.head} role="columnheader">
            {column.label}
          </div>
        ))}
        <div className={classes.times} style={{ height }}>
          {Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, index) => (
            <span key={index} className={classes.timeLabel} style={{ top: index * 4 * PX_PER_STEP + 8 }}>
              {hhmm((FIRST_HOUR + index) * 60)}
            </span>
          ))}
        </div>
        {columns.map((column) => (
          <div key={column.key} className={classes.column} style={{ height }} role="gridcell" aria-label={column.label}>
            {Array.from({ length: steps }, (_, index) => {
              const minute = FIRST_HOUR * 60 + index * STEP;
              const key = `${column.key}|${minute}`;
              return (
                <button
                  type="button"
                  key={key}
                  tabIndex={-1}
                  className={`${classes.cell} ${minute % 60 === 0 ? classes.hour : ''} ${dropKey === key ? classes.dropTarget : ''}`}
                  style={{ top: index * PX_PER_STEP, height: PX_PER_STEP }}
                  aria-label={`Book ${column.label} at ${hhmm(minute)} ${dateOfDay(column.day)}`}
                  data-slot={`${dateOfDay(column.day)}T${hhmm(minute)}`}
                  data-column={column.resourceId}
                  onClick={() => openBook(column, minute)}
                  onDragOver={(event) => {
                    event.preventDefault();
                    event.dataTransfer.dropEffect = 'move';
                    if (dropKey !== key) setDropKey(key);
                  }}
                  onDragLeave={() => setDropKey((current) => (current === key ? undefined : current))}
                  onDrop={(event) => dropOn(column, minute, event)}
                />
              );
            })}
            {data.blocks
              .filter((block) => inColumn(column, block))
              .map((block) => {
                const start = localParts(zone, block.start).minute;
                const minutes = (Date.parse(block.end) - Date.parse(block.start)) / MINUTE_MS;
                return (
                  <div
                    key={block.id}
                    className={classes.block}
                    style={{
                      top: Math.max(0, top(start)),
                      height: Math.max(PX_PER_STEP, (minutes / STEP) * PX_PER_STEP),
                    }}
                    aria-label={`Blocked ${timeLabel(zone, Date.parse(block.start))} to ${timeLabel(zone, Date.parse(block.end))}`}
                  >
                    Blocked{block.note === null ? '' : `: ${block.note}`}
                  </div>
                );
              })}
            {data.bookings
              .filter((booking) => booking.status !== 'cancelled' && inColumn(column, booking))
              .map((booking) => {
                const start = localParts(zone, booking.start).minute;
                const minutes = (Date.parse(booking.end) - Date.parse(booking.start)) / MINUTE_MS;
                const patient = data.patients.get(booking.patientId) ?? 'Patient';
                const when = `${timeLabel(zone, Date.parse(booking.start))}–${timeLabel(zone, Date.parse(booking.end))} ${zoneLabel(zone, Date.parse(booking.start))}`;
                return (
                  <div
                    key={booking.id}
                    className={classes.booking}
                    style={{
                      top: Math.max(0, top(start)),
                      height: Math.max(2 * PX_PER_STEP, (minutes / STEP) * PX_PER_STEP),
                    }}
                    draggable
                    data-booking-id={booking.id}
                    aria-label={`${patient}, ${serviceName(booking.serviceId)}, ${when}`}
                    onDragStart={(event) => {
                      event.dataTransfer.setData('text/plain', booking.id);
                      event.dataTransfer.effectAllowed = 'move';
                    }}
                    onDragEnd={() => setDropKey(undefined)}
                  >
                    <Group gap={4} justify="space-between" wrap="nowrap">
                      <Text size="xs" fw={600} truncate>
                        {patient}
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="white"
                        aria-label={`Move ${patient}’s booking at ${when}`}
                        onClick={() => {
                          const local = localParts(zone, booking.start);
                          setMove({
                            booking,
                            date: dateOfDay(local.day),
                            time: hhmm(local.minute),
                            practitionerId: booking.practitionerId,
                          });
                        }}
                      >
                        Move…
                      </Button>
                    </Group>
                    <Text size="xs">{when}</Text>
                    <Text size="xs" c="dimmed" truncate>
                      {serviceName(booking.serviceId)} · {nameOf('practitioner', booking.practitionerId)}
                    </Text>
                  </div>
                );
              })}
          </div>
        ))}
      </div>

      {move !== undefined && (
        <MoveDialog
          draft={move}
          data={data}
          zone={zone}
          onChange={setMove}
          onClose={() => setMove(undefined)}
          onSave={async (draft, start) => {
            try {
              await api.move(draft.booking, {
                start,
                ...(draft.practitionerId === draft.booking.practitionerId
                  ? {}
                  : { practitionerId: draft.practitionerId }),
              });
              setMove(undefined);
              setError(undefined);
              setNotice(
                `Moved to ${timeLabel(zone, Date.parse(start))} ${zoneLabel(zone, Date.parse(start))} on ${draft.date}.`,
              );
            } catch (cause) {
              setMove(undefined);
              setNotice(undefined);
              setError(problemText(cause));
            }
            reload();
          }}
        />
      )}
      {book !== undefined && (
        <BookDialog
          draft={book}
          data={data}
          zone={zone}
          onChange={setBook}
          onClose={() => setBook(undefined)}
          onSave={async (draft, start, key) => {
            try {
              await api.book(
                {
                  serviceId: draft.serviceId!,
                  start,
                  practitionerId: draft.practitionerId,
                  patientId: draft.patientId!,
                },
                key,
              );
              setBook(undefined);
              setError(undefined);
              setNotice(
                `Booked for ${data.patients.get(draft.patientId!) ?? 'the patient'} at ${timeLabel(zone, Date.parse(start))}.`,
              );
            } catch (cause) {
              setBook(undefined);
              setNotice(undefined);
              setError(problemText(cause));
            }
            reload();
          }}
        />
      )}
    </Stack>
  );
}

function problemText(cause: unknown): string {
  if (cause instanceof ApiError) {
    if (cause.status === 412)
      return `Someone changed this booking meanwhile, so nothing was saved. ${cause.message} The calendar has been reloaded.`;
    if (cause.status === 409) return `${cause.message} Nothing was saved; the calendar has been reloaded.`;
    return cause.message;
  }
  return cause instanceof Error ? cause.message : String(cause);
}

function TimeFields({
  date,
  time,
  onChange,
}: {
  date: string;
  time: string;
  onChange: (change: { date?: string; time?: string }) => void;
}) {
  return (
    <Group grow>
      <TextInput
        label="Date"
        type="date"
        value={date}
        onChange={(event) => event.currentTarget.value !== '' && onChange({ date: event.currentTarget.value })}
      />
      <TextInput
        label="Time"
        type="time"
        step={STEP * 60}
        value={time}
        onChange={(event) =>
          event.currentTarget.value !== '' && onChange({ time: event.currentTarget.value.slice(0, 5) })
        }
      />
    </Group>
  );
}

function describeConflict(conflict: Conflict, data: Loaded, zone: string): string {
  const names = {
    practitioner: data.resources.practitioners,
    room: data.resources.rooms,
    device: data.resources.devices,
  };
  const who =
    names[conflict.resource.kind].find((item) => item.id === conflict.resource.id)?.name ?? conflict.resource.kind;
  const what = conflict.busy.reason === 'block' ? 'blocked time' : 'another booking';
  return `${who}: ${what} from ${timeLabel(zone, Date.parse(conflict.overlap.start))} to ${timeLabel(zone, Date.parse(conflict.overlap.end))}${conflict.buffersOnly ? ' (set-up or cleaning time only)' : ''}`;
}

function MoveDialog({
  draft,
  data,
  zone,
  onChange,
  onClose,
  onSave,
}: {
  draft: MoveDraft;
  data: Loaded;
  zone: string;
  onChange: (draft: MoveDraft) => void;
  onClose: () => void;
  onSave: (draft: MoveDraft, start: string) => Promise<void>;
}) {
  const [saving, setSaving] = useState(false);
  const { booking } = draft;
  const duration = Date.parse(booking.end) - Date.parse(booking.start);
  const startMs = instantAt(zone, draft.date, draft.time);
  const start = formatInstant(zone, startMs);
  const end = formatInstant(zone, startMs + duration);
  const found = conflicts(
    {
      id: booking.id,
      start,
      end,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      practitionerId: draft.practitionerId,
      roomId: booking.roomId ?? '',
      deviceId: booking.deviceId,
    },
    busyOf(data),
    { timeZone: zone },
  );
  const blocking = found.filter((conflict) => !conflict.buffersOnly);
  const patient = data.patients.get(booking.patientId) ?? 'the patient';
  return (
    <Dialog opened onClose={onClose} title={`Move ${patient}’s booking`}>
      <Stack>
        <Text size="sm">
          Now: {timeLabel(zone, Date.parse(booking.start))} {zoneLabel(zone, Date.parse(booking.start))} on{' '}
          {dateOfDay(localDayOf(zone, Date.parse(booking.start)))}.
        </Text>
        <TimeFields date={draft.date} time={draft.time} onChange={(change) => onChange({ ...draft, ...change })} />
        <Select
          label="Practitioner"
          value={draft.practitionerId}
          allowDeselect={false}
          onChange={(value) => value !== null && onChange({ ...draft, practitionerId: value })}
          data={data.resources.practitioners.map((item) => ({ value: item.id, label: item.name }))}
        />
        <Text size="sm" fw={600}>
          New time: {timeLabel(zone, startMs)}–{timeLabel(zone, startMs + duration)} {zoneLabel(zone, startMs)} ({zone})
        </Text>
        {found.length === 0 ? (
          <Alert color="green" role="status" title="No conflicts on this calendar">
            The server checks again (hours, buffers, rooms and devices) when you save.
          </Alert>
        ) : (
          <Alert color={blocking.length > 0 ? 'red' : 'yellow'} role="status" title="Conflicts">
            <List size="sm">
              {found.map((conflict, index) => (
                <List.Item key={index}>{describeConflict(conflict, data, zone)}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={saving}
            disabled={blocking.length > 0}
            onClick={() => {
              setSaving(true);
              void onSave(draft, start).finally(() => setSaving(false));
            }}
          >
            Save move
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function BookDialog({
  draft,
  data,
  zone,
  onChange,
  onClose,
  onSave,
}: {
  draft: BookDraft;
  data: Loaded;
  zone: string;
  onChange: (draft: BookDraft) => void;
  onClose: () => void;
  onSave: (draft: BookDraft, start: string, key: string) => Promise<void>;
}) {
  const [saving, setSaving] = useState(false);
  const key = useRef(newIdempotencyKey());
  const startMs = instantAt(zone, draft.date, draft.time);
  const start = formatInstant(zone, startMs);
  const ready = draft.patientId !== null && draft.serviceId !== null && draft.practitionerId !== '';
  return (
    <Dialog opened onClose={onClose} title="Book an appointment">
      <Stack>
        <Select
          label="Patient"
          searchable
          value={draft.patientId}
          onChange={(value) => onChange({ ...draft, patientId: value })}
          data={[...data.patients].map(([id, name]) => ({ value: id, label: name }))}
          nothingFoundMessage="No patient by that name"
        />
        <Select
          label="Service"
          value={draft.serviceId}
          onChange={(value) => onChange({ ...draft, serviceId: value })}
          data={data.services.map((service) => ({
            value: service.id,
            label: `${service.name} (${service.durationMinutes} min)`,
          }))}
        />
        <Select
          label="Practitioner"
          value={draft.practitionerId}
          allowDeselect={false}
          onChange={(value) => value !== null && onChange({ ...draft, practitionerId: value })}
          data={data.resources.practitioners.map((item) => ({ value: item.id, label: item.name }))}
        />
        <TimeFields date={draft.date} time={draft.time} onChange={(change) => onChange({ ...draft, ...change })} />
        <Text size="sm" fw={600}>
          {timeLabel(zone, startMs)} {zoneLabel(zone, startMs)} ({zone}) on {draft.date}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            loading={saving}
            disabled={!ready}
            onClick={() => {
              setSaving(true);
              void onSave(draft, start, key.current).finally(() => setSaving(false));
            }}
          >
            Book
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
