// "My appointments": upcoming visits first, then past and cancelled ones, each on
// the clinic's clocks with the zone named. An upcoming visit can be moved (pick a
// new time, sent with the version it was read at: a visit changed meanwhile is
// never overwritten), cancelled (the clinic's notice rule comes from the server)
// or added to a calendar. A treatment session has a short health check-in: an
// answer that means "not yet" is passed to the clinic and comes with other times.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  List,
  Stack,
  Text,
  TextInput,
  Textarea,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconArrowsExchange,
  IconStethoscope,
  IconCalendarEvent,
  IconCalendarPlus,
  IconRefresh,
  IconWorld,
  IconX,
} from '@tabler/icons-react';
import { ApiError, useResource } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { LoadFailed, LoadingPlaceholders } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import {
  SERVICES_URL,
  bookingApi,
  fetchBookings,
  practitionerNames,
  servicesSchema,
  type BookableService,
  type BookingList,
  type BookingListItem,
  type CheckInBody,
  type CheckInResponse,
} from './api.ts';
import { formatAppointment, formatDuration, zoneSentence } from './clinic-zone.ts';
import { AddToCalendar, FocusHeading, Summary } from './parts.tsx';
import { SlotPicker, type PickedSlot } from './slot-picker.tsx';
import {
  SeriesProposalView,
  acceptProposal,
  moveKeepingSeries,
  rescheduledSessions,
  type ReflowProposal,
} from './series-move.tsx';
import { WaitlistOffers } from './waitlist-offers.tsx';
import { bookingProblemText, statusWords } from './words.ts';
import classes from './booking.module.css';

/** Two months back and nine ahead: a whole course fits, and recent visits stay in view. */
const DAYS_BACK = 62;
const DAYS_AHEAD = 279;

type Loaded = { status: 'loading' } | { status: 'ready'; data: BookingList } | { status: 'error'; error: Error };

function useBookings(): Loaded & { reload: () => void } {
  const [state, setState] = useState<Loaded>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    fetchBookings(DAYS_BACK, DAYS_AHEAD, controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  const reload = useCallback(() => setAttempt((count) => count + 1), []);
  return { ...state, reload };
}

export function AppointmentsPage() {
  const session = useSignedInSession();
  const list = useBookings();
  const services = useResource(SERVICES_URL, servicesSchema);
  const [note, setNote] = useState<string | undefined>();

  const serviceById = useMemo(
    () => new Map((services.status === 'ready' ? services.data.services : []).map((entry) => [entry.id, entry])),
    [services],
  );
  const data = list.status === 'ready' ? list.data : undefined;
  const zone = data?.timeZone ?? session.clinic.timeZone;
  const names = useMemo(() => practitionerNames(data?.practitioners), [data]);
  const now = Date.now();
  const { upcoming, past } = useMemo(() => {
    const bookings = data?.bookings ?? [];
    const isUpcoming = (entry: BookingListItem) => entry.status === 'confirmed' && Date.parse(entry.end) > now;
    return {
      upcoming: bookings.filter(isUpcoming).sort((a, b) => Date.parse(a.start) - Date.parse(b.start)),
      past: bookings.filter((entry) => !isUpcoming(entry)).sort((a, b) => Date.parse(b.start) - Date.parse(a.start)),
    };
  }, [data]);
  const seriesSizes = useMemo(() => {
    const sizes = new Map<string, number>();
    for (const entry of data?.bookings ?? []) {
      if (entry.seriesId !== null && entry.status === 'confirmed')
        sizes.set(entry.seriesId, (sizes.get(entry.seriesId) ?? 0) + 1);
    }
    return sizes;
  }, [data]);

  const changed = (message: string) => {
    setNote(message);
    list.reload();
  };

  return (
    <>
      <PageHeader
        title="My appointments"
        description="Your upcoming and past visits. Move or cancel a visit here, within the clinic’s notice period."
        actions={
          <Button component={Link} to="/book" leftSection={<IconCalendarPlus size={18} aria-hidden />}>
            Book a visit
          </Button>
        }
      />
      {note !== undefined && (
        <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
          <FormSuccess>{note}</FormSuccess>
        </div>
      )}
      <WaitlistOffers csrfToken={session.csrfToken} onChanged={changed} />
      {list.status === 'loading' && <LoadingPlaceholders height={140} radius="lg" />}
      {list.status === 'error' && (
        <LoadFailed title="We could not load your appointments" error={list.error} onRetry={list.reload} />
      )}
      {data !== undefined && (
        <Stack gap="xl">
          <Group gap="xs" wrap="nowrap" align="flex-start" className={classes.zoneNote}>
            <IconWorld size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
            <Text size="sm" data-testid="zone-label">
              {zoneSentence(
                zone,
                data.bookings.map((entry) => entry.start),
              )}
            </Text>
          </Group>
          <section aria-labelledby="upcoming-heading">
            <Title order={2} fz="xl" mb="md" id="upcoming-heading">
              Upcoming
            </Title>
            {upcoming.length === 0 ? (
              <NothingUpcoming />
            ) : (
              <ul className={classes.plainList} aria-label="Upcoming appointments">
                {upcoming.map((entry) => (
                  <li key={entry.id}>
                    <AppointmentCard
                      booking={entry}
                      service={serviceById.get(entry.serviceId)}
                      practitionerName={entry.practitionerName ?? names.get(entry.practitionerId)}
                      seriesSize={entry.seriesId === null ? undefined : seriesSizes.get(entry.seriesId)}
                      zone={zone}
                      csrfToken={session.csrfToken}
                      upcoming
                      onChanged={changed}
                      onReload={list.reload}
                    />
                  </li>
                ))}
              </ul>
            )}
          </section>
          {past.length > 0 && (
            <section aria-labelledby="past-heading">
              <Title order={2} fz="xl" mb="md" id="past-heading">
                Past and cancelled
              </Title>
              <ul className={classes.plainList} aria-label="Past and cancelled appointments">
                {past.map((entry) => (
                  <li key={entry.id}>
                    <AppointmentCard
                      booking={entry}
                      service={serviceById.get(entry.serviceId)}
                      practitionerName={entry.practitionerName ?? names.get(entry.practitionerId)}
                      seriesSize={undefined}
                      zone={zone}
                      csrfToken={session.csrfToken}
                      upcoming={false}
                      onChanged={changed}
                      onReload={list.reload}
                    />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </Stack>
      )}
    </>
  );
}

function NothingUpcoming() {
  return (
    <Card withBorder radius="lg" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={480} mx="auto">
        <ThemeIcon size={56} radius="xl" variant="light" color="puncta">
          <IconCalendarEvent size={30} stroke={1.6} aria-hidden />
        </ThemeIcon>
        <Text fw={650} size="lg">
          No upcoming visits
        </Text>
        <Text c="dimmed">Book a consultation to meet a practitioner, or a treatment session or course.</Text>
        <Button component={Link} to="/book" size="md">
          Book a visit
        </Button>
      </Stack>
    </Card>
  );
}

function AppointmentCard({
  booking,
  service,
  practitionerName,
  seriesSize,
  zone,
  csrfToken,
  upcoming,
  onChanged,
  onReload,
}: {
  booking: BookingListItem;
  service: BookableService | undefined;
  practitionerName: string | undefined;
  seriesSize: number | undefined;
  zone: string;
  csrfToken: string;
  upcoming: boolean;
  onChanged: (message: string) => void;
  onReload: () => void;
}) {
  const [moving, setMoving] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [checkingIn, setCheckingIn] = useState(false);
  const status = statusWords(booking.status, !upcoming);
  const name = booking.serviceName ?? service?.name ?? 'Appointment';
  const when = formatAppointment(booking.start, zone);
  return (
    <Card
      withBorder
      radius="lg"
      padding="lg"
      component="article"
      className={classes.appointment}
      data-cancelled={booking.status === 'cancelled' || undefined}
      aria-label={`${name}, ${when}`}
      data-testid="appointment"
      data-booking-id={booking.id}
    >
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={2} style={{ minWidth: 0, flex: '1 1 16rem' }}>
          <Title order={3} fz="lg">
            {name}
            {booking.seriesIndex !== null && seriesSize !== undefined && seriesSize > 1
              ? `, session ${booking.seriesIndex} of ${seriesSize}`
              : booking.seriesIndex !== null
                ? `, session ${booking.seriesIndex}`
                : ''}
          </Title>
          <Text fw={600} data-testid="appointment-time">
            {when}
          </Text>
          <Text size="sm" c="dimmed">
            {[
              service === undefined ? undefined : formatDuration(service.durationMinutes),
              practitionerName === undefined ? undefined : `with ${practitionerName}`,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Stack>
        <Badge color={status.color} variant="light" radius="sm" tt="none" size="lg" style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
      {upcoming && !moving && (
        <Group gap="xs">
          <Button
            variant="default"
            size="sm"
            leftSection={<IconArrowsExchange size={16} aria-hidden />}
            onClick={() => setMoving(true)}
            aria-label={`Move ${name} on ${when}`}
          >
            Move
          </Button>
          <Button
            variant="default"
            size="sm"
            leftSection={<IconX size={16} aria-hidden />}
            onClick={() => setCancelling(true)}
            aria-label={`Cancel ${name} on ${when}`}
          >
            Cancel
          </Button>
          {service?.kind === 'treatment' && (
            <Button
              variant="default"
              size="sm"
              leftSection={<IconStethoscope size={16} aria-hidden />}
              onClick={() => setCheckingIn(true)}
              aria-label={`Health check-in for ${name} on ${when}`}
            >
              Health check-in
            </Button>
          )}
          <AddToCalendar bookingId={booking.id} context={`${name}, ${when}`} />
        </Group>
      )}
      {checkingIn && (
        <CheckInDialog
          booking={booking}
          name={name}
          when={when}
          zone={zone}
          csrfToken={csrfToken}
          onClose={() => setCheckingIn(false)}
          onMoved={(message) => {
            setCheckingIn(false);
            onChanged(message);
          }}
        />
      )}
      {moving && service !== undefined && (
        <MovePanel
          booking={booking}
          service={service}
          zone={zone}
          csrfToken={csrfToken}
          onClose={() => setMoving(false)}
          onMoved={(message) => {
            setMoving(false);
            onChanged(message);
          }}
          onReload={onReload}
        />
      )}
      <CancelDialog
        opened={cancelling}
        booking={booking}
        name={name}
        when={when}
        csrfToken={csrfToken}
        onClose={() => setCancelling(false)}
        onCancelled={() => {
          setCancelling(false);
          onChanged(`Cancelled: ${name}, ${when}.`);
        }}
      />
    </Card>
  );
}

function MovePanel({
  booking,
  service,
  zone,
  csrfToken,
  onClose,
  onMoved,
  onReload,
}: {
  booking: BookingListItem;
  service: BookableService;
  zone: string;
  csrfToken: string;
  onClose: () => void;
  onMoved: (message: string) => void;
  onReload: () => void;
}) {
  const [slot, setSlot] = useState<PickedSlot | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);
  // A session of a series whose move would push later ones out of their windows: the server's proposal.
  const [proposal, setProposal] = useState<{ proposal: ReflowProposal; message: string } | undefined>();
  const { submit, submitting, formError, problem } = useSubmit();
  const move = (acceptShown: boolean) =>
    submit(async () => {
      if (slot === undefined) return;
      const body = { start: slot.start, practitionerId: slot.practitionerId };
      let result;
      try {
        result = await moveKeepingSeries(
          csrfToken,
          booking,
          acceptShown && proposal !== undefined ? acceptProposal(body, proposal.proposal) : body,
        );
      } catch (error) {
        if (error instanceof ApiError && error.code === 'slot_unavailable') {
          setProposal(undefined);
          setSlot(undefined);
          setRefreshKey((count) => count + 1);
        }
        throw error;
      }
      if (result.kind === 'proposal') {
        setProposal({ proposal: result.proposal, message: result.message });
        return;
      }
      const later = proposal === undefined || !acceptShown ? 0 : rescheduledSessions(proposal.proposal).length;
      onMoved(
        `Moved: ${service.name}, now ${formatAppointment(slot.start, slot.timeZone)}` +
          (later === 0 ? '.' : `, and ${later === 1 ? '1 later session' : `${later} later sessions`} with it.`),
      );
    });
  const stale =
    problem?.code === 'version_conflict' || problem?.code === 'precondition_required' || problem?.status === 412;

  return (
    <Stack gap="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
      <FocusHeading order={3} focusKey={proposal !== undefined ? 'series' : slot === undefined ? 'pick' : 'confirm'}>
        {proposal !== undefined
          ? 'Move the later sessions too?'
          : slot === undefined
            ? 'Choose a new time'
            : 'Move to this time?'}
      </FocusHeading>
      {formError !== undefined && (
        <Stack gap="xs" align="flex-start">
          <FormError message={bookingProblemText(problem)} />
          {stale && (
            <Button variant="default" size="sm" leftSection={<IconRefresh size={16} aria-hidden />} onClick={onReload}>
              Reload
            </Button>
          )}
        </Stack>
      )}
      {proposal !== undefined ? (
        <SeriesProposalView
          proposal={proposal.proposal}
          message={proposal.message}
          submitting={submitting}
          onMoveAll={() => void move(true)}
          onCancel={() => setProposal(undefined)}
        />
      ) : slot === undefined ? (
        <SlotPicker
          serviceId={service.id}
          zone={zone}
          onPick={setSlot}
          refreshKey={refreshKey}
          skipStart={booking.start}
          headingLevel={4}
        />
      ) : (
        <Summary
          rows={[
            ['From', formatAppointment(booking.start, zone)],
            ['To', formatAppointment(slot.start, slot.timeZone)],
            slot.practitionerName !== undefined && ['With', slot.practitionerName],
          ]}
        />
      )}
      <Group gap="sm">
        {slot !== undefined && proposal === undefined && (
          <Button onClick={() => void move(false)} loading={submitting} disabled={stale}>
            Move my appointment
          </Button>
        )}
        {slot !== undefined && proposal === undefined && (
          <Button variant="default" onClick={() => setSlot(undefined)} disabled={submitting}>
            Choose another time
          </Button>
        )}
        <Button variant="subtle" onClick={onClose} disabled={submitting}>
          Keep the current time
        </Button>
      </Group>
    </Stack>
  );
}

function CancelDialog({
  opened,
  booking,
  name,
  when,
  csrfToken,
  onClose,
  onCancelled,
}: {
  opened: boolean;
  booking: BookingListItem;
  name: string;
  when: string;
  csrfToken: string;
  onClose: () => void;
  onCancelled: () => void;
}) {
  const { submit, submitting, formError, problem, reset } = useSubmit();
  const close = () => {
    reset();
    onClose();
  };
  return (
    <Dialog opened={opened} onClose={close} title="Cancel this appointment?">
      <Stack gap="md">
        <Text>
          {name}, {when}.
        </Text>
        <Text size="sm" c="dimmed">
          The time becomes free for other patients. You can book again at any time.
        </Text>
        <FormError title="It could not be cancelled" message={formError && bookingProblemText(problem)} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} disabled={submitting}>
            Keep it
          </Button>
          <Button
            color="red.9"
            loading={submitting}
            onClick={() =>
              void submit(async () => {
                await bookingApi(csrfToken).cancel(booking.id);
                onCancelled();
              })
            }
          >
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

/** Plain words for the screener's "not yet" reasons (their messages are written for patients). */
function notYetText(result: CheckInResponse): string {
  const messages = [
    ...new Set((result.reasons ?? []).filter((reason) => reason.decision === result.decision).map((r) => r.message)),
  ];
  return messages.length === 0 ? 'the clinic would like to check something with you first' : messages.join(' ');
}

function CheckInDialog({
  booking,
  name,
  when,
  zone,
  csrfToken,
  onClose,
  onMoved,
}: {
  booking: BookingListItem;
  name: string;
  when: string;
  zone: string;
  csrfToken: string;
  onClose: () => void;
  onMoved: (message: string) => void;
}) {
  const [ticks, setTicks] = useState({ pregnant: false, infection: false, sunburn: false, isotretinoin: false });
  const [dates, setDates] = useState({ filler: '', toxin: '', retinoid: '' });
  const [medicines, setMedicines] = useState('');
  const [result, setResult] = useState<CheckInResponse | undefined>();
  const { submit, submitting, formError, problem } = useSubmit();

  const send = () =>
    submit(async () => {
      // A date left empty keeps the answer from the assessment; a box left unticked is a "no".
      const body: CheckInBody = {
        pregnant_or_breastfeeding: ticks.pregnant,
        active_infection_in_area: ticks.infection,
        sunburn_in_area: ticks.sunburn,
        ...(ticks.isotretinoin ? { isotretinoin: { status: 'current' as const } } : {}),
        ...(dates.filler === '' ? {} : { filler_in_area_date: dates.filler }),
        ...(dates.toxin === '' ? {} : { toxin_in_area_date: dates.toxin }),
        ...(dates.retinoid === '' ? {} : { retinoid_last_used: dates.retinoid }),
        ...(medicines.trim() === '' ? {} : { new_medicines: medicines.trim() }),
      };
      setResult(await bookingApi(csrfToken).checkIn(booking.id, body));
    });
  const moveTo = (slot: { start: string; practitionerId: string }) =>
    submit(async () => {
      await bookingApi(csrfToken).move(booking, { start: slot.start, practitionerId: slot.practitionerId });
      onMoved(`Moved: ${name}, now ${formatAppointment(slot.start, zone)}.`);
    });
  const tick = (key: keyof typeof ticks, label: string) => (
    <Checkbox
      label={label}
      checked={ticks[key]}
      onChange={(event) => setTicks((current) => ({ ...current, [key]: event.currentTarget.checked }))}
    />
  );
  const dateField = (key: keyof typeof dates, label: string) => (
    <TextInput
      type="date"
      label={label}
      description="Leave empty if nothing changed since your assessment"
      value={dates[key]}
      onChange={(event) => {
        const value = event.currentTarget.value;
        setDates((current) => ({ ...current, [key]: value }));
      }}
    />
  );

  return (
    <Dialog opened onClose={onClose} title="Health check-in">
      <Stack gap="md">
        <Text size="sm">
          {name}, {when}. A few questions so your session is safe on the day.
        </Text>
        {result === undefined ? (
          <>
            <Text fw={600}>Tick anything that is true now</Text>
            {tick('pregnant', 'I am pregnant or breastfeeding')}
            {tick('infection', 'I have a cold sore, an infection or an open wound where I will be treated')}
            {tick('sunburn', 'I have sunburn where I will be treated')}
            {tick('isotretinoin', 'I am taking isotretinoin (for example Roaccutane)')}
            {dateField('filler', 'Last filler injection in the treatment area')}
            {dateField('toxin', 'Last wrinkle-relaxing injection (for example Botox) in the treatment area')}
            {dateField('retinoid', 'Last use of a retinoid or exfoliating acid on the area')}
            <Textarea
              label="New medicines since your assessment"
              description="Optional; the clinic reads this before your session"
              maxLength={500}
              autosize
              minRows={2}
              value={medicines}
              onChange={(event) => setMedicines(event.currentTarget.value)}
            />
            <FormError title="The check-in could not be sent" message={formError && bookingProblemText(problem)} />
            {problem?.code === 'assessment_required' && (
              <Button component={Link} to="/plan" variant="light">
                Take the self-assessment
              </Button>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={onClose} disabled={submitting}>
                Not now
              </Button>
              <Button onClick={() => void send()} loading={submitting}>
                Send my answers
              </Button>
            </Group>
          </>
        ) : !result.flagged ? (
          <>
            <FormSuccess title="All set for your session">See you on {when}.</FormSuccess>
            <Group justify="flex-end">
              <Button onClick={onClose}>Done</Button>
            </Group>
          </>
        ) : (
          <>
            <FormError title="Not yet" message={`Not yet: ${notYetText(result)} The clinic has been told.`} />
            {(result.suggestedSlots ?? []).length === 0 ? (
              <Text size="sm">The clinic will contact you about a new date.</Text>
            ) : (
              <Stack gap="xs">
                <Text fw={600}>These times would work:</Text>
                <List listStyleType="none" spacing="xs" aria-label="Suggested times">
                  {(result.suggestedSlots ?? []).map((slot) => (
                    <List.Item key={`${slot.start}-${slot.practitionerId}`}>
                      <Group gap="sm">
                        <Text>{formatAppointment(slot.start, zone)}</Text>
                        <Button size="xs" variant="light" loading={submitting} onClick={() => void moveTo(slot)}>
                          Move to this time
                        </Button>
                      </Group>
                    </List.Item>
                  ))}
                </List>
              </Stack>
            )}
            <FormError title="It could not be moved" message={formError && bookingProblemText(problem)} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose} disabled={submitting}>
                Close
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Dialog>
  );
}
