// The staff calendar (issue 6): a day or a week, columns by practitioner, room or
// device, every time on the clinic's clocks and labelled with its zone. Bookings
// come from GET /api/v1/bookings, blocks (hatched) from GET /api/v1/time-blocks.
// Click an empty slot to book for a patient; drag a booking to another time or
// column, or use its "Move…" button (the keyboard way): the move is checked on the
// loaded calendar with conflicts() before it is saved with If-Match; 409 and 412
// answers are shown as they are and the calendar reloads.
//
// For screen readers and keyboards it is not an ARIA grid but plain structure: a
// section named by its caption (the day or week), one group per column named by its
// heading, and in each column, in time order, its bookings, blocks and empty slots,
// all buttons whose names start with what they show ("Book 10:00 with Dr. Maya
// Okafor, Tue, Dec 15", "Blocked: Staff meeting, 1:00 PM to …. Remove block…",
// "Move Riley Chen’s 9:00 AM booking"). One empty slot is in the tab order; the arrow
// keys, Page Up/Down, Home and End move it between times and columns (roving focus).
import {
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type DragEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { z } from 'zod';
import {
  Alert,
  Button,
  Group,
  List,
  SegmentedControl,
  Select,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
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
import {
  SeriesProposalView,
  acceptProposal,
  moveKeepingSeries,
  rescheduledSessions,
  type ReflowProposal,
} from '../booking/series-move.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { BlockButton, BlockTimeDialog, RemoveBlockDialog, blockMinutesOnDay } from './block-time.tsx';
import classes from './calendar.module.css';

const FIRST_HOUR = 7;
const LAST_HOUR = 20;
const STEP = 15;
/** 20px a quarter hour: a 30-minute booking has room for its patient, "Move…" and its time. */
const PX_PER_STEP = 20;
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
  /** A series session whose move would push later ones out of their windows: the server's proposal. */
  proposal?: { proposal: ReflowProposal; message: string };
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

/** "Wednesday, May 5, 2027": the calendar's caption. */
function longDayLabel(day: number): string {
  return new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(day * DAY_MS);
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
  const [blockingTime, setBlockingTime] = useState(false);
  const [openBlock, setOpenBlock] = useState<TimeBlockView | undefined>();
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  // The one empty slot in the tab order (roving focus): arrow keys move it between times and columns.
  const [activeSlot, setActiveSlot] = useState<{ column: number; minute: number }>({ column: 0, minute: 9 * 60 });
  const gridRef = useRef<HTMLDivElement>(null);
  const captionId = useId();

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

  const activeColumn = Math.min(activeSlot.column, Math.max(0, columns.length - 1));
  const weekOwner = nameOf(grouping, columns[0]?.resourceId ?? null);

  /** "Book 10:00 with Dr. Maya Okafor, Tue, Dec 15": what an empty slot offers. */
  function slotLabel(column: Column, minute: number): string {
    const name = nameOf(grouping, column.resourceId ?? null);
    const who =
      name === ''
        ? ''
        : grouping === 'practitioner'
          ? ` with ${name}`
          : grouping === 'room'
            ? ` in ${name}`
            : ` using ${name}`;
    return `Book ${hhmm(minute)}${who}, ${dayLabel(column.day)}`;
  }

  function moveFocus(event: KeyboardEvent<HTMLButtonElement>, column: number, minute: number) {
    const first = FIRST_HOUR * 60;
    const last = LAST_HOUR * 60 - STEP;
    const next = { column, minute };
    if (event.key === 'ArrowUp') next.minute = Math.max(first, minute - STEP);
    else if (event.key === 'ArrowDown') next.minute = Math.min(last, minute + STEP);
    else if (event.key === 'PageUp') next.minute = Math.max(first, minute - 60);
    else if (event.key === 'PageDown') next.minute = Math.min(last, minute + 60);
    else if (event.key === 'Home') next.minute = first;
    else if (event.key === 'End') next.minute = last;
    else if (event.key === 'ArrowLeft') next.column = Math.max(0, column - 1);
    else if (event.key === 'ArrowRight') next.column = Math.min(columns.length - 1, column + 1);
    else return;
    event.preventDefault();
    setActiveSlot(next);
    gridRef.current?.querySelector<HTMLButtonElement>(`[data-slot-key="${next.column}|${next.minute}"]`)?.focus();
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
        <Button variant="default" onClick={() => setBlockingTime(true)}>
          Block time
        </Button>
      </Group>
      {error !== undefined && (
        <Alert
          color="red"
          title="That did not work"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setError(undefined)}
          role="alert"
        >
          {error}
        </Alert>
      )}
      {notice !== undefined && (
        <Alert
          color="green"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setNotice(undefined)}
          role="status"
        >
          {notice}
        </Alert>
      )}
      <section aria-labelledby={captionId} className={classes.calendar}>
        <Title order={2} size="h4" id={captionId}>
          {view === 'day'
            ? longDayLabel(range.firstDay)
            : `Week of ${longDayLabel(range.firstDay)}${weekOwner === '' ? '' : ` · ${weekOwner}`}`}
        </Title>
        <Text size="sm" c="dimmed">
          Click an empty time to book, or Tab to the times, move with the arrow keys and press Enter. Drag a booking to
          move it, or use its “Move…” button. Hatched areas are blocked time: click one to remove it.
        </Text>
        <div className={classes.scroller} data-calendar-scroller>
          <div
            ref={gridRef}
            className={classes.grid}
            style={{ '--calendar-columns': String(columns.length) } as CSSProperties}
          >
            <div className={classes.timeColumn} aria-hidden="true">
              <div className={`${classes.head} ${classes.corner}`}>{zoneName}</div>
              <div className={classes.times} style={{ height }}>
                {Array.from({ length: LAST_HOUR - FIRST_HOUR }, (_, index) => (
                  <span key={index} className={classes.timeLabel} style={{ top: index * 4 * PX_PER_STEP }}>
                    {hhmm((FIRST_HOUR + index) * 60)}
                  </span>
                ))}
              </div>
            </div>
            {columns.map((column, columnIndex) => {
              const headId = `${captionId}-${column.key}`;
              // Everything in the column in time order, so a screen reader reads it as the day goes.
              const items: { minute: number; order: number; node: ReactNode }[] = [];
              // What covers each slot, so a screen reader hears "(booked)" or "(blocked)" on it.
              const taken: { from: number; to: number; what: string }[] = [];
              for (const block of data.blocks) {
                if (resourceOf(block, grouping) !== column.resourceId) continue;
                // Time off can span days and start before the first hour shown: draw the part on this day's grid.
                const span = blockMinutesOnDay(block, zone, column.day);
                const from = Math.max(span?.start ?? 0, FIRST_HOUR * 60);
                const to = Math.min(span?.end ?? 0, LAST_HOUR * 60);
                if (span === undefined || to <= from) continue;
                taken.push({ from, to, what: 'blocked' });
                items.push({
                  minute: from,
                  order: 0,
                  node: (
                    <BlockButton
                      key={block.id}
                      block={block}
                      zone={zone}
                      className={classes.block!}
                      style={{ top: top(from), height: Math.max(PX_PER_STEP, top(to) - top(from)) }}
                      onOpen={setOpenBlock}
                    />
                  ),
                });
              }
              for (const booking of data.bookings) {
                if (booking.status === 'cancelled' || !inColumn(column, booking)) continue;
                const start = localParts(zone, booking.start).minute;
                const minutes = (Date.parse(booking.end) - Date.parse(booking.start)) / MINUTE_MS;
                const patient = data.patients.get(booking.patientId) ?? 'Patient';
                const startMs = Date.parse(booking.start);
                const when = `${timeLabel(zone, startMs)}–${timeLabel(zone, Date.parse(booking.end))} ${zoneLabel(zone, startMs)}`;
                taken.push({ from: start, to: start + minutes, what: 'booked' });
                items.push({
                  minute: start,
                  order: 0,
                  node: (
                    <div
                      key={booking.id}
                      className={classes.booking}
                      style={{
                        top: Math.max(0, top(start)),
                        height: Math.max(2 * PX_PER_STEP, (minutes / STEP) * PX_PER_STEP),
                      }}
                      draggable
                      data-booking-id={booking.id}
                      onDragStart={(event) => {
                        event.dataTransfer.setData('text/plain', booking.id);
                        event.dataTransfer.effectAllowed = 'move';
                      }}
                      onDragEnd={() => setDropKey(undefined)}
                    >
                      <div className={classes.bookingHead}>
                        <span className={classes.patient}>{patient}</span>
                        <UnstyledButton
                          className={classes.move}
                          aria-label={`Move ${patient}’s ${timeLabel(zone, startMs)} booking`}
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
                        </UnstyledButton>
                      </div>
                      <div className={classes.line}>{when}</div>
                      {/* Below 45 minutes there is no room for a third line: screen readers still get it. */}
                      <div className={minutes >= 45 ? `${classes.line} ${classes.meta}` : 'visually-hidden'}>
                        {serviceName(booking.serviceId)} · {nameOf('practitioner', booking.practitionerId)}
                      </div>
                    </div>
                  ),
                });
              }
              for (let index = 0; index < steps; index += 1) {
                const minute = FIRST_HOUR * 60 + index * STEP;
                const key = `${column.key}|${minute}`;
                const active = columnIndex === activeColumn && minute === activeSlot.minute;
                const cover = taken.find((busy) => busy.from <= minute && minute < busy.to);
                items.push({
                  minute,
                  order: 1,
                  node: (
                    <button
                      type="button"
                      key={key}
                      tabIndex={active ? 0 : -1}
                      className={`${classes.cell} ${minute % 60 === 0 ? classes.hour : ''} ${dropKey === key ? classes.dropTarget : ''}`}
                      style={{ top: index * PX_PER_STEP, height: PX_PER_STEP }}
                      aria-label={`${slotLabel(column, minute)}${cover === undefined ? '' : ` (${cover.what})`}`}
                      data-slot={`${dateOfDay(column.day)}T${hhmm(minute)}`}
                      data-column={column.resourceId}
                      data-slot-key={`${columnIndex}|${minute}`}
                      onClick={() => openBook(column, minute)}
                      onFocus={() => {
                        if (!active) setActiveSlot({ column: columnIndex, minute });
                      }}
                      onKeyDown={(event) => moveFocus(event, columnIndex, minute)}
                      onDragOver={(event) => {
                        event.preventDefault();
                        event.dataTransfer.dropEffect = 'move';
                        if (dropKey !== key) setDropKey(key);
                      }}
                      onDragLeave={() => setDropKey((current) => (current === key ? undefined : current))}
                      onDrop={(event) => dropOn(column, minute, event)}
                    />
                  ),
                });
              }
              items.sort((a, b) => a.minute - b.minute || a.order - b.order);
              return (
                <div key={column.key} className={classes.column} role="group" aria-labelledby={headId}>
                  <h3 id={headId} className={classes.head}>
                    {column.label}
                  </h3>
                  <div className={classes.body} style={{ height }}>
                    {items.map((item) => item.node)}
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </section>

      {blockingTime && (
        <BlockTimeDialog
          resources={data.resources}
          zone={zone}
          date={anchor}
          kind={grouping}
          onClose={() => setBlockingTime(false)}
          onSaved={(text) => {
            setBlockingTime(false);
            setError(undefined);
            setNotice(text);
            reload();
          }}
        />
      )}
      {openBlock !== undefined && (
        <RemoveBlockDialog
          block={openBlock}
          resources={data.resources}
          zone={zone}
          onClose={() => setOpenBlock(undefined)}
          onRemoved={(text) => {
            setOpenBlock(undefined);
            setError(undefined);
            setNotice(text);
            reload();
          }}
        />
      )}
      {move !== undefined && (
        <MoveDialog
          draft={move}
          data={data}
          zone={zone}
          onChange={setMove}
          onClose={() => setMove(undefined)}
          onSave={async (draft, start) => {
            try {
              const body = {
                start,
                ...(draft.practitionerId === draft.booking.practitionerId
                  ? {}
                  : { practitionerId: draft.practitionerId }),
              };
              // "Move all" re-sends the move with reflow and the later sessions as shown.
              const result = await moveKeepingSeries(
                session.csrfToken,
                draft.booking,
                draft.proposal === undefined ? body : acceptProposal(body, draft.proposal.proposal),
              );
              if (result.kind === 'proposal') {
                setMove({ ...draft, proposal: { proposal: result.proposal, message: result.message } });
                return;
              }
              const later = draft.proposal === undefined ? 0 : rescheduledSessions(draft.proposal.proposal).length;
              setMove(undefined);
              setError(undefined);
              setNotice(
                `Moved to ${timeLabel(zone, Date.parse(start))} ${zoneLabel(zone, Date.parse(start))} on ${draft.date}` +
                  (later === 0 ? '.' : `, with ${later === 1 ? '1 later session' : `${later} later sessions`}.`),
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
  if (draft.proposal !== undefined) {
    return (
      <Dialog opened onClose={onClose} title={`Move ${patient}’s series`}>
        <SeriesProposalView
          proposal={draft.proposal.proposal}
          message={draft.proposal.message}
          submitting={saving}
          onMoveAll={() => {
            setSaving(true);
            void onSave(draft, start).finally(() => setSaving(false));
          }}
          onCancel={onClose}
        />
      </Dialog>
    );
  }
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
