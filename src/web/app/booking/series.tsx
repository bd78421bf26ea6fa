// "Book the whole course": how many sessions and how far apart (from the patient's
// plan when one came along, else 3 sessions 4 to 6 weeks apart), then Puncta
// proposes a time for every session, each inside its window, and books them all
// at once or none.
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Group, NumberInput, SimpleGrid, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import {
  IconCalendarCheck,
  IconCalendarEvent,
  IconCalendarRepeat,
  IconListNumbers,
  IconPencil,
} from '@tabler/icons-react';
import { fetchJson } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import {
  assessmentUrl,
  MY_ASSESSMENTS_URL,
  ownAssessmentListSchema,
  storedAssessmentSchema,
} from '../assessments/my-plan-api.ts';
import { SCHEDULING_LIMITS } from '../../../domain/contracts/scheduling.ts';
import { dayNumber, firstInstantAtOrAfter, formatInstant } from '../../../domain/scheduling/zoned-time.ts';
import {
  bookingApi,
  newIdempotencyKey,
  type BookableService,
  type SeriesProposalResponse,
  type SeriesResponse,
} from './api.ts';
import { formatAppointment, formatDuration, formatPrice, keyParts, localDateKey, zoneSentence } from './clinic-zone.ts';
import { AddToCalendar, FocusHeading } from './parts.tsx';
import { bookingProblemText } from './words.ts';
import classes from './booking.module.css';

export interface CourseDefaults {
  sessions: number;
  minGapDays: number;
  maxGapDays: number;
  /** True when the figures come from the patient's plan. */
  fromPlan: boolean;
}

const FALLBACK: CourseDefaults = { sessions: 3, minGapDays: 28, maxGapDays: 42, fromPlan: false };

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * The course from the plan the patient came with (?assessment=<id>): its first
 * recommended course's sessions and weeks apart. The plan is opened only when it
 * is among the patient's own (a plan not yet saved to the account stays unread).
 */
export function usePlanCourseDefaults(assessmentId: string | undefined): CourseDefaults {
  const [defaults, setDefaults] = useState(FALLBACK);
  useEffect(() => {
    if (assessmentId === undefined) return;
    const controller = new AbortController();
    void (async () => {
      try {
        const own = await fetchJson(MY_ASSESSMENTS_URL, ownAssessmentListSchema, controller.signal);
        if (!own.assessments.some((plan) => plan.id === assessmentId)) return;
        const stored = await fetchJson(assessmentUrl(assessmentId), storedAssessmentSchema, controller.signal);
        if (stored.plan.kind !== 'treatment') return;
        const course = stored.plan.courses.find((entry) => entry.recommended) ?? stored.plan.courses[0];
        if (course === undefined) return;
        const sessions = course.sessions?.typical ?? course.sessions?.min;
        const weeks = course.intervalWeeks;
        setDefaults({
          sessions: clamp(
            sessions ?? FALLBACK.sessions,
            SCHEDULING_LIMITS.seriesMinSessions,
            SCHEDULING_LIMITS.seriesMaxSessions,
          ),
          minGapDays: weeks === undefined ? FALLBACK.minGapDays : clamp(weeks.min * 7, 1, 365),
          maxGapDays: weeks === undefined ? FALLBACK.maxGapDays : clamp(weeks.max * 7, 1, 365),
          fromPlan: true,
        });
      } catch {
        // The defaults stay: a plan that cannot be read changes nothing here.
      }
    })();
    return () => controller.abort();
  }, [assessmentId]);
  return defaults;
}

/** "Jan 5" for a local date "2026-01-05". */
function dayLabel(key: string): string {
  const parts = keyParts(key);
  return `${parts.month} ${parts.day}`;
}

export function SeriesPlanner({
  service,
  zone,
  csrfToken,
  defaults,
  onProposal,
  onBooked,
}: {
  service: BookableService;
  zone: string;
  csrfToken: string;
  defaults: CourseDefaults;
  /** Whether the proposal (the step to confirm) is on screen. */
  onProposal: (shown: boolean) => void;
  onBooked: (result: SeriesResponse) => void;
}) {
  const todayKey = localDateKey(new Date().toISOString(), zone);
  const [sessions, setSessions] = useState<number | string>(defaults.sessions);
  const [minGap, setMinGap] = useState<number | string>(defaults.minGapDays);
  const [maxGap, setMaxGap] = useState<number | string>(defaults.maxGapDays);
  const [firstDay, setFirstDay] = useState(todayKey);
  const [proposal, setProposal] = useState<SeriesProposalResponse | undefined>();
  const [retryNote, setRetryNote] = useState<string | undefined>();
  const [proposals, setProposals] = useState(0);
  // The plan's figures arrive after the first render; take them while nothing was typed.
  const touched = useRef(false);
  useEffect(() => {
    if (touched.current) return;
    setSessions(defaults.sessions);
    setMinGap(defaults.minGapDays);
    setMaxGap(defaults.maxGapDays);
  }, [defaults]);

  useEffect(() => {
    onProposal(proposal !== undefined);
  }, [proposal, onProposal]);
  useEffect(() => () => onProposal(false), [onProposal]);

  const proposing = useSubmit();
  const booking = useSubmit();
  // One key per proposal: retrying "Book all" after a lost answer books once.
  const key = useRef(newIdempotencyKey());

  const count = Number(sessions);
  const min = Number(minGap);
  const max = Number(maxGap);

  const propose = (note?: string) =>
    proposing.submit(
      async () => {
        const earliestStart =
          firstDay <= todayKey
            ? new Date().toISOString()
            : formatInstant(zone, firstInstantAtOrAfter(zone, dayNumber(firstDay), 0));
        const answer = await bookingApi(csrfToken).propose({
          serviceId: service.id,
          sessions: count,
          minGapDays: min,
          maxGapDays: max,
          earliestStart,
        });
        key.current = newIdempotencyKey();
        setRetryNote(note);
        setProposal(answer);
        setProposals((n) => n + 1);
      },
      {
        sessions:
          Number.isInteger(count) &&
          count >= SCHEDULING_LIMITS.seriesMinSessions &&
          count <= SCHEDULING_LIMITS.seriesMaxSessions
            ? undefined
            : `Choose ${SCHEDULING_LIMITS.seriesMinSessions} to ${SCHEDULING_LIMITS.seriesMaxSessions} sessions.`,
        minGap: Number.isInteger(min) && min >= 1 && min <= 365 ? undefined : 'Enter a number of days, 1 or more.',
        maxGap:
          Number.isInteger(max) && max >= 1 && max <= 365
            ? max >= min
              ? undefined
              : 'This must be at least the shortest gap.'
            : 'Enter a number of days, 1 or more.',
        firstDay: /^\d{4}-\d{2}-\d{2}$/.test(firstDay) ? undefined : 'Choose a date.',
      },
    );

  const bookAll = () =>
    booking.submit(async () => {
      if (proposal === undefined) return;
      try {
        const result = await bookingApi(csrfToken).bookSeries(
          {
            serviceId: service.id,
            sessions: proposal.sessions.map((session) => ({
              start: session.start,
              practitionerId: session.practitionerId,
            })),
            minGapDays: min,
            maxGapDays: max,
          },
          key.current,
        );
        onBooked(result);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === 'slot_unavailable' || code === 'series_unavailable') {
          const index = (error as { sessionIndex?: number }).sessionIndex;
          // Nothing was booked: propose again from what is free now.
          await propose(
            `${index === undefined ? 'One of the times' : `The time for session ${index}`} was just taken by someone else, so nothing was booked. Here are new dates for the whole course.`,
          );
          return;
        }
        throw error;
      }
    });

  if (proposal !== undefined) {
    const sessionsCount = proposal.sessions.length;
    return (
      <Stack gap="md">
        <FocusHeading order={3} focusKey={proposals}>
          Your proposed dates
        </FocusHeading>
        {retryNote !== undefined && (
          <Alert color="orange" variant="light" radius="md" role="alert">
            {retryNote}
          </Alert>
        )}
        <Text size="sm" c="dimmed" data-testid="zone-label">
          {zoneSentence(
            proposal.timeZone,
            proposal.sessions.map((session) => session.start),
          )}{' '}
          Each session is between {min} and {max} days after the one before.
        </Text>
        <ol className={classes.plainList} aria-label="Proposed sessions">
          {proposal.sessions.map((session) => (
            <li key={session.index} className={classes.sessionRow} data-testid="proposed-session">
              <span className={classes.sessionNumber} aria-hidden>
                {session.index}
              </span>
              <Stack gap={2}>
                <Text fw={650}>
                  <span className="visually-hidden">Session {session.index}: </span>
                  {formatAppointment(session.start, proposal.timeZone)}
                </Text>
                <Text size="sm" c="dimmed">
                  {session.index === 1
                    ? `First session: the earliest free time from ${dayLabel(session.windowStart)}`
                    : session.windowStart === session.windowEnd
                      ? `Session ${session.index}, on ${dayLabel(session.windowStart)}`
                      : `Session ${session.index}, between ${dayLabel(session.windowStart)} and ${dayLabel(session.windowEnd)}`}
                  {session.practitionerName === undefined ? '' : ` · with ${session.practitionerName}`}
                </Text>
              </Stack>
            </li>
          ))}
        </ol>
        <Text size="sm">
          {sessionsCount} sessions of {formatDuration(service.durationMinutes)},{' '}
          {formatPrice(service.priceCents, service.currency)} each. All are booked together, or none is.
        </Text>
        <FormError title="Nothing was booked" message={booking.formError && bookingProblemText(booking.problem)} />
        <Group gap="sm">
          <Button
            size="md"
            onClick={() => void bookAll()}
            loading={booking.submitting || proposing.submitting}
            leftSection={<IconCalendarCheck size={20} aria-hidden />}
          >
            Book all {sessionsCount} sessions
          </Button>
          <Button
            size="md"
            variant="default"
            disabled={booking.submitting}
            onClick={() => setProposal(undefined)}
            leftSection={<IconPencil size={18} aria-hidden />}
          >
            Change the course
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <Card withBorder radius="lg" p={{ base: 'md', sm: 'lg' }}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void propose();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {defaults.fromPlan
              ? 'These figures come from your plan. Puncta then finds a time for every session, each the right number of days after the one before.'
              : 'A course is usually 3 sessions, 4 to 6 weeks apart; your practitioner may suggest otherwise. Puncta finds a time for every session, each the right number of days after the one before.'}
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md">
            <NumberInput
              label="Sessions"
              min={SCHEDULING_LIMITS.seriesMinSessions}
              max={SCHEDULING_LIMITS.seriesMaxSessions}
              value={sessions}
              onChange={(value) => {
                touched.current = true;
                setSessions(value);
                proposing.clearFieldError('sessions');
              }}
              error={proposing.fieldErrors.sessions}
            />
            <NumberInput
              label="At least … days apart"
              min={1}
              max={365}
              value={minGap}
              onChange={(value) => {
                touched.current = true;
                setMinGap(value);
                proposing.clearFieldError('minGap');
              }}
              error={proposing.fieldErrors.minGap}
            />
            <NumberInput
              label="At most … days apart"
              min={1}
              max={365}
              value={maxGap}
              onChange={(value) => {
                touched.current = true;
                setMaxGap(value);
                proposing.clearFieldError('maxGap');
              }}
              error={proposing.fieldErrors.maxGap}
            />
            <TextInput
              type="date"
              label="First session from"
              min={todayKey}
              value={firstDay}
              onChange={(event) => {
                setFirstDay(event.currentTarget.value);
                proposing.clearFieldError('firstDay');
              }}
              error={proposing.fieldErrors.firstDay}
            />
          </SimpleGrid>
          <FormError message={proposing.formError && bookingProblemText(proposing.problem)} />
          <Button
            type="submit"
            size="md"
            loading={proposing.submitting}
            leftSection={<IconCalendarRepeat size={20} aria-hidden />}
            style={{ alignSelf: 'flex-start' }}
          >
            Propose dates
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

export function SeriesDone({
  result,
  service,
  onAnother,
}: {
  result: SeriesResponse;
  service: BookableService;
  onAnother: () => void;
}) {
  const bookings = [...result.bookings].sort((a, b) => (a.seriesIndex ?? 0) - (b.seriesIndex ?? 0));
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={720}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={48} radius="xl" variant="light" color="green">
            <IconCalendarCheck size={28} aria-hidden />
          </ThemeIcon>
          <FocusHeading>Your course is booked</FocusHeading>
        </Group>
        <Text>
          All {bookings.length} sessions of {service.name} are booked.{' '}
          {zoneSentence(
            result.timeZone,
            bookings.map((entry) => entry.start),
          )}
        </Text>
        <ol className={classes.plainList} aria-label="Booked sessions">
          {bookings.map((entry, index) => (
            <li key={entry.id} className={classes.sessionRow} data-testid="booked-session">
              <span className={classes.sessionNumber} aria-hidden>
                {entry.seriesIndex ?? index + 1}
              </span>
              <Group justify="space-between" gap="xs">
                <Text fw={650}>
                  <span className="visually-hidden">Session {entry.seriesIndex ?? index + 1}: </span>
                  {formatAppointment(entry.start, result.timeZone)}
                </Text>
                <AddToCalendar bookingId={entry.id} size="xs" context={`session ${entry.seriesIndex ?? index + 1}`} />
              </Group>
            </li>
          ))}
        </ol>
        <Group gap="sm">
          <Button
            component={Link}
            to="/appointments"
            size="md"
            leftSection={<IconCalendarEvent size={18} aria-hidden />}
          >
            My appointments
          </Button>
          <Button variant="subtle" onClick={onAnother} leftSection={<IconListNumbers size={18} aria-hidden />}>
            Book something else
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
