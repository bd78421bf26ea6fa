// Hours and time off (issue 6): a practitioner's weekly hours (several spans a
// day, wall-clock times on the clinic's clocks, 24:00 as the end of the day) and
// their time off (a block on the practitioner; it shows hatched on the staff
// calendar and no one can be booked into it). A practitioner edits their own; a
// clinic admin picks anyone who keeps hours. The server checks the same rules
// (src/domain/contracts/scheduling-admin.ts) and its message is shown as it is.
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { ActionIcon, Button, Checkbox, Group, NativeSelect, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useSignedInSession } from '../auth/session-context.tsx';
import { formatAppointment, formatLongDate, localDateKey } from '../booking/clinic-zone.ts';
import { SettingsCard } from '../account/settings-card.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { formatInstant } from '../../../domain/scheduling/zoned-time.ts';
import { TIME_BLOCK_MAX_DAYS } from '../../../domain/contracts/scheduling-admin.ts';
import {
  clinicInstant,
  clinicSetupApi,
  type PractitionerListResponse,
  type TimeBlockView,
  type WorkingHoursSpanView,
} from './api.ts';
import { SubmitRow, WEEKDAYS, ZoneNote, problemText, timeChoices } from './parts.tsx';
import classes from './clinic-setup.module.css';
import { LoadingLine } from '../pages/load-states.tsx';
import rowList from '../pages/row-list.module.css';

const DAY_MS = 86_400_000;

interface Span {
  /** For React keys only. */
  key: number;
  startsAt: string;
  endsAt: string;
}

type Week = Record<number, Span[]>;

let nextKey = 1;

function weekFrom(hours: readonly WorkingHoursSpanView[]): Week {
  const week: Week = {};
  for (const { weekday } of WEEKDAYS) week[weekday] = [];
  for (const span of hours) week[span.weekday]?.push({ key: nextKey++, startsAt: span.startsAt, endsAt: span.endsAt });
  return week;
}

/** Problems per span key: an end not after its start, or an overlap with the span before it. */
function spanProblems(week: Week): Map<number, string> {
  const problems = new Map<number, string>();
  for (const spans of Object.values(week)) {
    for (const span of spans) {
      if (span.endsAt <= span.startsAt) problems.set(span.key, 'The end must be after the start.');
    }
    const sorted = [...spans]
      .filter((span) => !problems.has(span.key))
      .sort((a, b) => (a.startsAt < b.startsAt ? -1 : 1));
    for (let index = 1; index < sorted.length; index++) {
      if (sorted[index - 1]!.endsAt > sorted[index]!.startsAt) {
        problems.set(sorted[index]!.key, `Overlaps ${sorted[index - 1]!.startsAt}–${sorted[index - 1]!.endsAt}.`);
      }
    }
  }
  return problems;
}

export function HoursPage() {
  const session = useSignedInSession();
  const isAdmin = session.role === 'clinic_admin';
  const zone = session.clinic.timeZone;
  const [people, setPeople] = useState<PractitionerListResponse['practitioners'] | undefined>();
  const [chosen, setChosen] = useState<string | undefined>(isAdmin ? undefined : session.user.id);
  const [loadError, setLoadError] = useState<string | undefined>();

  useEffect(() => {
    if (!isAdmin) return;
    const controller = new AbortController();
    clinicSetupApi.practitioners(controller.signal).then(
      (answer) => {
        setPeople(answer.practitioners);
        setChosen(
          (current) =>
            current ??
            answer.practitioners.find((person) => person.role === 'practitioner')?.id ??
            answer.practitioners[0]?.id,
        );
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(problemText(cause));
      },
    );
    return () => controller.abort();
  }, [isAdmin]);

  const chosenName = isAdmin ? people?.find((person) => person.id === chosen)?.name : undefined;

  return (
    <>
      <PageHeader
        title="Hours and time off"
        description={
          isAdmin
            ? 'When each practitioner works, and when they are away. Patients can only book inside working hours.'
            : 'When you work, and when you are away. Patients can only book you inside your working hours.'
        }
      />
      <Stack gap="lg">
        <ZoneNote zone={zone} />
        <FormError message={loadError} />
        {isAdmin && people !== undefined && (
          <NativeSelect
            label="Practitioner"
            description="Choose whose hours and time off to change."
            maw={420}
            value={chosen ?? ''}
            onChange={(event) => setChosen(event.currentTarget.value)}
            data={people.map((person) => ({
              value: person.id,
              label: person.role === 'clinic_admin' ? `${person.name} (clinic admin)` : person.name,
            }))}
          />
        )}
        {chosen === undefined ? (
          loadError === undefined && <Skeleton height={300} radius="lg" />
        ) : (
          <>
            <WeeklyHoursCard key={`hours-${chosen}`} userId={chosen} name={chosenName} />
            <TimeOffCard key={`off-${chosen}`} userId={chosen} name={chosenName} zone={zone} />
          </>
        )}
      </Stack>
    </>
  );
}

function WeeklyHoursCard({ userId, name }: { userId: string; name: string | undefined }) {
  const [week, setWeek] = useState<Week | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const [showProblems, setShowProblems] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    clinicSetupApi.workingHours(userId, controller.signal).then(
      (answer) => setWeek(weekFrom(answer.hours)),
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(problemText(cause));
      },
    );
    return () => controller.abort();
  }, [userId]);

  const problems = useMemo(() => (week === undefined ? new Map<number, string>() : spanProblems(week)), [week]);
  const choices = useMemo(
    () => timeChoices(Object.values(week ?? {}).flatMap((spans) => spans.flatMap((s) => [s.startsAt, s.endsAt]))),
    [week],
  );

  const change = (weekday: number, spans: Span[]) => {
    setWeek((current) => (current === undefined ? current : { ...current, [weekday]: spans }));
    setSaved(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (week === undefined || saving) return;
    setShowProblems(true);
    setSaved(false);
    if (problems.size > 0) {
      setSaveError('Some hours need fixing first: see the messages under them.');
      return;
    }
    const hours = Object.entries(week).flatMap(([weekday, spans]) =>
      spans.map((span) => ({ weekday: Number(weekday), startsAt: span.startsAt, endsAt: span.endsAt })),
    );
    setSaving(true);
    setSaveError(undefined);
    clinicSetupApi
      .saveWorkingHours(userId, hours)
      .then(
        (answer) => {
          setWeek(weekFrom(answer.hours));
          setSaved(true);
          setShowProblems(false);
        },
        (cause: unknown) => setSaveError(problemText(cause)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <SettingsCard
      title="Weekly hours"
      description={`${name === undefined ? 'Your' : `${name}’s`} usual week. A day can have several spans, e.g. a morning and an afternoon; 24:00 is the end of the day.`}
    >
      <FormError message={loadError} />
      {week === undefined ? (
        loadError === undefined && <LoadingLine>Loading the hours…</LoadingLine>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <ul className={classes.days} aria-label="Weekly hours">
              {WEEKDAYS.map(({ weekday, name: dayName }) => {
                const spans = week[weekday] ?? [];
                return (
                  <li key={weekday} className={classes.day}>
                    <Text fw={600} className={classes.dayName} id={`day-${weekday}`}>
                      {dayName}
                    </Text>
                    <Stack gap="xs" className={classes.spans}>
                      {spans.length === 0 && (
                        <Text size="sm" c="dimmed">
                          Not working
                        </Text>
                      )}
                      {spans.map((span, index) => {
                        const problem = showProblems ? problems.get(span.key) : undefined;
                        const label = `${dayName}, span ${index + 1}`;
                        return (
                          <Group key={span.key} gap="xs" align="flex-start" wrap="nowrap">
                            <NativeSelect
                              aria-label={`${label}: start`}
                              value={span.startsAt}
                              data={choices.filter((time) => time !== '24:00')}
                              onChange={(event) =>
                                change(
                                  weekday,
                                  spans.map((s) =>
                                    s.key === span.key ? { ...s, startsAt: event.currentTarget.value } : s,
                                  ),
                                )
                              }
                              error={problem !== undefined}
                            />
                            <Text size="sm" pt={8} aria-hidden>
                              to
                            </Text>
                            <NativeSelect
                              aria-label={`${label}: end`}
                              value={span.endsAt}
                              data={choices.filter((time) => time !== '00:00')}
                              onChange={(event) =>
                                change(
                                  weekday,
                                  spans.map((s) =>
                                    s.key === span.key ? { ...s, endsAt: event.currentTarget.value } : s,
                                  ),
                                )
                              }
                              error={problem}
                            />
                            <ActionIcon
                              variant="subtle"
                              color="red"
                              size="lg"
                              mt={2}
                              aria-label={`Remove ${label}`}
                              onClick={() =>
                                change(
                                  weekday,
                                  spans.filter((s) => s.key !== span.key),
                                )
                              }
                            >
                              <IconTrash size={18} aria-hidden />
                            </ActionIcon>
                          </Group>
                        );
                      })}
                      <Button
                        variant="subtle"
                        size="xs"
                        w="fit-content"
                        leftSection={<IconPlus size={14} aria-hidden />}
                        aria-label={`Add hours on ${dayName}`}
                        onClick={() => {
                          const last = [...spans].sort((a, b) => (a.endsAt < b.endsAt ? -1 : 1)).at(-1);
                          const startsAt =
                            last === undefined ? '09:00' : last.endsAt === '24:00' ? '23:00' : last.endsAt;
                          const startMinute = Number(startsAt.slice(0, 2)) * 60 + Number(startsAt.slice(3, 5));
                          const endMinute = Math.min(1440, startMinute + (last === undefined ? 480 : 60));
                          const endsAt = `${String(Math.floor(endMinute / 60)).padStart(2, '0')}:${String(endMinute % 60).padStart(2, '0')}`;
                          change(weekday, [...spans, { key: nextKey++, startsAt, endsAt }]);
                        }}
                      >
                        Add hours
                      </Button>
                    </Stack>
                  </li>
                );
              })}
            </ul>
            {saved && <FormSuccess>Weekly hours saved. New bookings follow them from now on.</FormSuccess>}
            <FormError message={saveError} />
            <SubmitRow kind="save" saving={saving}>
              Save weekly hours
            </SubmitRow>
          </Stack>
        </form>
      )}
    </SettingsCard>
  );
}

function TimeOffCard({ userId, name, zone }: { userId: string; name: string | undefined; zone: string }) {
  const [blocks, setBlocks] = useState<TimeBlockView[] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  const [notice, setNotice] = useState<string | undefined>();
  const [removeError, setRemoveError] = useState<string | undefined>();
  const [removing, setRemoving] = useState<string | undefined>();

  useEffect(() => {
    const controller = new AbortController();
    const now = Date.now();
    clinicSetupApi
      .timeOff(userId, formatInstant(zone, now), formatInstant(zone, now + 366 * DAY_MS), controller.signal)
      .then(
        (answer) => setBlocks(answer.blocks),
        (cause: unknown) => {
          if (!controller.signal.aborted) setLoadError(problemText(cause));
        },
      );
    return () => controller.abort();
  }, [userId, zone, attempt]);

  const remove = (block: TimeBlockView) => {
    setRemoving(block.id);
    setRemoveError(undefined);
    setNotice(undefined);
    clinicSetupApi
      .removeBlock(block.id)
      .then(
        () => {
          setNotice('Time off removed: that time can be booked again.');
          reload();
        },
        (cause: unknown) => setRemoveError(problemText(cause)),
      )
      .finally(() => setRemoving(undefined));
  };

  return (
    <SettingsCard
      title="Time off"
      description={`Days or hours ${name === undefined ? 'you are' : `${name} is`} away: holidays, training, appointments. Nobody can be booked into them; they show hatched on the calendar.`}
    >
      <FormError message={loadError} />
      {notice !== undefined && <FormSuccess>{notice}</FormSuccess>}
      <FormError message={removeError} />
      {blocks === undefined && loadError === undefined && <LoadingLine>Loading time off…</LoadingLine>}
      {blocks !== undefined && blocks.length === 0 && (
        <Text size="sm" c="dimmed">
          No time off planned in the next twelve months.
        </Text>
      )}
      {blocks !== undefined && blocks.length > 0 && (
        <ul className={rowList.rows} aria-label="Upcoming time off">
          {blocks.map((block) => (
            <li key={block.id} className={rowList.row}>
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 260px' }}>
                <Text fw={600}>{block.note ?? 'Time off'}</Text>
                <Text size="sm">{rangeText(block, zone)}</Text>
              </Stack>
              <Button
                variant="default"
                color="red"
                size="xs"
                loading={removing === block.id}
                disabled={removing !== undefined}
                onClick={() => remove(block)}
                aria-label={`Remove time off: ${block.note ?? 'Time off'}, ${rangeText(block, zone)}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <AddTimeOffForm
        userId={userId}
        zone={zone}
        onAdded={(text) => {
          setNotice(text);
          setRemoveError(undefined);
          reload();
        }}
      />
    </SettingsCard>
  );
}

/** "Monday, March 2, 2026 at 12:00 AM EST until Wednesday, ... ": whole days read as days. */
function rangeText(block: TimeBlockView, zone: string): string {
  const startDay = localDateKey(block.start, zone);
  const endDay = localDateKey(block.end, zone);
  const midnight = (iso: string) => iso.slice(11, 16) === '00:00';
  if (midnight(block.start) && midnight(block.end)) {
    const lastDay = new Date(Date.parse(block.end) - 3_600_000).toISOString();
    const last = localDateKey(lastDay, zone);
    return last === startDay
      ? `All day ${formatLongDate(block.start, zone)}`
      : `${formatLongDate(block.start, zone)} to ${formatLongDate(lastDay, zone)}, all day`;
  }
  return startDay === endDay
    ? `${formatAppointment(block.start, zone)} to ${formatAppointment(block.end, zone).split(' at ')[1] ?? ''}`
    : `${formatAppointment(block.start, zone)} to ${formatAppointment(block.end, zone)}`;
}

function AddTimeOffForm({
  userId,
  zone,
  onAdded,
}: {
  userId: string;
  zone: string;
  onAdded: (notice: string) => void;
}) {
  const [firstDay, setFirstDay] = useState('');
  const [lastDay, setLastDay] = useState('');
  const [allDay, setAllDay] = useState(true);
  const [startTime, setStartTime] = useState('09:00');
  const [endTime, setEndTime] = useState('17:00');
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const choices = useMemo(() => timeChoices(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const last = lastDay === '' ? firstDay : lastDay;
    const checks: Record<string, string> = {};
    if (firstDay === '') checks.firstDay = 'Choose the first day.';
    if (firstDay !== '' && last < firstDay) checks.lastDay = 'The last day cannot be before the first.';
    const start = firstDay === '' ? 0 : clinicInstant(zone, firstDay, allDay ? '00:00' : startTime);
    const end = firstDay === '' || last < firstDay ? 0 : clinicInstant(zone, last, allDay ? '24:00' : endTime);
    if (Object.keys(checks).length === 0 && end <= start) checks.endTime = 'The end must be after the start.';
    if (Object.keys(checks).length === 0 && end - start > TIME_BLOCK_MAX_DAYS * 86_400_000) {
      checks.lastDay = `Time off can last at most ${TIME_BLOCK_MAX_DAYS} days at a time; add longer leave in parts.`;
    }
    setFieldErrors(checks);
    if (Object.keys(checks).length > 0) {
      setError(undefined);
      return;
    }
    setSaving(true);
    setError(undefined);
    clinicSetupApi
      .addBlock({
        practitionerId: userId,
        start: formatInstant(zone, start),
        end: formatInstant(zone, end),
        ...(reason.trim() === '' ? {} : { note: reason.trim() }),
      })
      .then(
        (block) => {
          onAdded(`Time off added: ${rangeText(block, zone)}.`);
          setFirstDay('');
          setLastDay('');
          setReason('');
        },
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <form onSubmit={onSubmit} noValidate className={classes.addForm} aria-labelledby="add-time-off">
      <Stack gap="sm">
        <Text fw={600} id="add-time-off">
          Add time off
        </Text>
        <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} className={classes.fields}>
          <TextInput
            type="date"
            label="First day"
            description="The first day away."
            value={firstDay}
            onChange={(event) => setFirstDay(event.currentTarget.value)}
            error={fieldErrors.firstDay}
            required
          />
          <TextInput
            type="date"
            label="Last day"
            description="Leave empty for one day."
            value={lastDay}
            onChange={(event) => setLastDay(event.currentTarget.value)}
            error={fieldErrors.lastDay}
          />
        </Group>
        <Checkbox label="All day" checked={allDay} onChange={(event) => setAllDay(event.currentTarget.checked)} />
        {!allDay && (
          <Group gap="sm" align="flex-start" grow preventGrowOverflow={false} className={classes.fields}>
            <NativeSelect
              label="From (on the first day)"
              value={startTime}
              data={choices.filter((time) => time !== '24:00')}
              onChange={(event) => setStartTime(event.currentTarget.value)}
            />
            <NativeSelect
              label="Until (on the last day)"
              value={endTime}
              data={choices.filter((time) => time !== '00:00')}
              onChange={(event) => setEndTime(event.currentTarget.value)}
              error={fieldErrors.endTime}
            />
          </Group>
        )}
        <TextInput
          label="Reason"
          description="Shown to the clinic team on the calendar, e.g. “Holiday” or “Training”."
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <FormError message={error} />
        <SubmitRow kind="add" saving={saving}>
          Add time off
        </SubmitRow>
      </Stack>
    </form>
  );
}
