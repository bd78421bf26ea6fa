// "Book a consultation": choose a service, then a day and time (or, for a
// treatment, the dates of the whole course), then confirm. The public site's
// "Book a consultation" buttons land here, sometimes with ?assessment=<id>: that
// plan is named on the page and gives the course its defaults (sessions, weeks
// apart). Times are on the clinic's clocks and labelled with its zone.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Card, Group, SegmentedControl, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconArrowLeft,
  IconCalendarCheck,
  IconCalendarEvent,
  IconClipboardHeart,
  IconClock,
  IconListNumbers,
  IconPhone,
} from '@tabler/icons-react';
import { useClinic } from '../api/clinic.tsx';
import { useResource } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { FormError } from '../forms/form-parts.tsx';
import { useSubmit } from '../forms/use-submit.ts';
import { LoadFailed, LoadingPlaceholders } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import {
  SERVICES_URL,
  bookingApi,
  newIdempotencyKey,
  servicesSchema,
  type BookableService,
  type BookingView,
  type SeriesResponse,
} from './api.ts';
import {
  formatAppointment,
  formatDuration,
  formatPrice,
  formatTime,
  zoneAbbreviation,
  zoneCity,
} from './clinic-zone.ts';
import { AddToCalendar, FocusHeading, Summary } from './parts.tsx';
import { SeriesPlanner, SeriesDone, usePlanCourseDefaults } from './series.tsx';
import { SlotPicker, type PickedSlot } from './slot-picker.tsx';
import { useHold, type HoldState } from './use-hold.ts';
import { SLOT_TAKEN, bookingProblemText, kindWords } from './words.ts';
import classes from './booking.module.css';

type Step = 'service' | 'time' | 'confirm' | 'done';
type Mode = 'single' | 'series';

const STEP_LABELS = ['Service', 'Time', 'Confirm'] as const;

export function BookPage() {
  const session = useSignedInSession();
  const clinic = useClinic();
  const zone = session.clinic.timeZone;
  const [params] = useSearchParams();
  const assessmentId = params.get('assessment') ?? undefined;
  const courseDefaults = usePlanCourseDefaults(assessmentId);

  const services = useResource(SERVICES_URL, servicesSchema);
  const [step, setStepState] = useState<Step>('service');
  // Headings take the focus after a step change, not when the page first opens.
  const moved = useRef(false);
  const setStep = useCallback((next: Step) => {
    moved.current = true;
    setStepState(next);
  }, []);
  const [service, setService] = useState<BookableService | undefined>();
  const [mode, setMode] = useState<Mode>('single');
  const [slot, setSlot] = useState<PickedSlot | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [refreshKey, setRefreshKey] = useState(0);
  const [pickerWindow, setPickerWindow] = useState<string | undefined>();
  const [booked, setBooked] = useState<BookingView | undefined>();
  const [seriesBooked, setSeriesBooked] = useState<SeriesResponse | undefined>();

  const chooseService = (next: BookableService) => {
    setService(next);
    setPickerWindow(undefined);
    setMode('single');
    setNotice(undefined);
    setStep('time');
  };

  const pickSlot = (picked: PickedSlot) => {
    setSlot(picked);
    setNotice(undefined);
    setStep('confirm');
  };

  const slotTaken = useCallback(() => {
    setNotice(SLOT_TAKEN);
    setSlot(undefined);
    setRefreshKey((count) => count + 1);
    setStep('time');
  }, [setStep]);

  const startOver = () => {
    setService(undefined);
    setSlot(undefined);
    setBooked(undefined);
    setSeriesBooked(undefined);
    setNotice(undefined);
    setStep('service');
  };

  const [proposalShown, setProposalShown] = useState(false);
  const stepIndex = step === 'service' ? 0 : step === 'time' && !(mode === 'series' && proposalShown) ? 1 : 2;
  return (
    <>
      <PageHeader
        title="Book a consultation"
        description="Choose a consultation or a treatment, then a day and time that suits you. You can move or cancel later under My appointments."
        actions={
          clinic?.phone != null ? (
            <Button
              component="a"
              href={`tel:${clinic.phone.replace(/[^\d+]/g, '')}`}
              variant="default"
              leftSection={<IconPhone size={18} aria-hidden />}
            >
              Call {clinic.phone}
            </Button>
          ) : undefined
        }
      />
      {assessmentId !== undefined && step === 'service' && (
        <Alert
          color="puncta"
          variant="light"
          radius="md"
          mb="lg"
          icon={<IconClipboardHeart aria-hidden />}
          title="Your plan will be attached"
          data-testid="plan-attached"
        >
          The practitioner will see the plan you made with “Plan my treatment” before your visit.
        </Alert>
      )}
      {step !== 'done' && (
        <ol className={classes.steps} aria-label="Steps">
          {STEP_LABELS.map((label, index) => (
            <li
              key={label}
              className={classes.step}
              data-done={index < stepIndex || undefined}
              data-current={index === stepIndex || undefined}
              aria-current={index === stepIndex ? 'step' : undefined}
            >
              <span className={classes.stepNumber} aria-hidden>
                {index + 1}
              </span>
              <span className={classes.stepLabel}>
                <span className="visually-hidden">Step {index + 1}: </span>
                {label === 'Time' && mode === 'series' ? 'Dates' : label}
              </span>
            </li>
          ))}
        </ol>
      )}

      {step === 'service' && (
        <Stack gap="md">
          <FocusHeading focusOnMount={moved.current}>What would you like to book?</FocusHeading>
          {services.status === 'loading' && <LoadingPlaceholders height={120} radius="lg" />}
          {services.status === 'error' && (
            <LoadFailed
              title="We could not load the clinic’s services"
              error={services.error}
              onRetry={services.reload}
            />
          )}
          {services.status === 'ready' && services.data.services.length === 0 && (
            <Text c="dimmed">The clinic has not opened online booking yet. Please call the clinic to book.</Text>
          )}
          {services.status === 'ready' && services.data.services.length > 0 && (
            <ServiceChoices services={services.data.services} chosen={service} onChoose={chooseService} />
          )}
        </Stack>
      )}

      {step === 'time' && service !== undefined && (
        <Stack gap="md">
          <BackLink onClick={() => setStep('service')}>Choose another service</BackLink>
          <FocusHeading focusKey={refreshKey}>
            {mode === 'series' ? 'Plan the whole course' : 'Choose a day and time'}
          </FocusHeading>
          <Text c="dimmed">
            {service.name} · {formatDuration(service.durationMinutes)} ·{' '}
            {formatPrice(service.priceCents, service.currency)}
            {mode === 'series' ? ' a session' : ''}
          </Text>
          {service.kind === 'treatment' && (
            <SegmentedControl
              aria-label="How many sessions to book"
              value={mode}
              onChange={(value) => setMode(value as Mode)}
              data={[
                { value: 'single', label: 'One session' },
                { value: 'series', label: 'Book the whole course' },
              ]}
              maw={420}
            />
          )}
          {notice !== undefined && (
            <Alert color="orange" variant="light" radius="md" role="alert" icon={<IconClock aria-hidden />}>
              {notice}
            </Alert>
          )}
          {mode === 'single' ? (
            <Card withBorder radius="lg" p={{ base: 'sm', sm: 'lg' }}>
              <SlotPicker
                serviceId={service.id}
                zone={zone}
                onPick={pickSlot}
                refreshKey={refreshKey}
                initialWindow={pickerWindow}
                onWindowChange={setPickerWindow}
              />
            </Card>
          ) : (
            <SeriesPlanner
              service={service}
              zone={zone}
              csrfToken={session.csrfToken}
              defaults={courseDefaults}
              onProposal={setProposalShown}
              onBooked={(result) => {
                setSeriesBooked(result);
                setStep('done');
              }}
            />
          )}
        </Stack>
      )}

      {step === 'confirm' && service !== undefined && slot !== undefined && (
        <ConfirmStep
          service={service}
          slot={slot}
          csrfToken={session.csrfToken}
          planAttached={assessmentId !== undefined}
          onBack={() => setStep('time')}
          onTaken={slotTaken}
          onBooked={(booking) => {
            setBooked(booking);
            setStep('done');
          }}
        />
      )}

      {step === 'done' && booked !== undefined && service !== undefined && (
        <BookedView booking={booked} service={service} zone={slot?.timeZone ?? zone} onAnother={startOver} />
      )}
      {step === 'done' && seriesBooked !== undefined && service !== undefined && (
        <SeriesDone result={seriesBooked} service={service} onAnother={startOver} />
      )}
    </>
  );
}

function BackLink({ onClick, children }: { onClick: () => void; children: string }) {
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      leftSection={<IconArrowLeft size={16} aria-hidden />}
      onClick={onClick}
      style={{ alignSelf: 'flex-start' }}
    >
      {children}
    </Button>
  );
}

function ServiceChoices({
  services,
  chosen,
  onChoose,
}: {
  services: readonly BookableService[];
  chosen: BookableService | undefined;
  onChoose: (service: BookableService) => void;
}) {
  // Consultations first: they are where most people start.
  const sorted = useMemo(
    () =>
      [...services].sort((a, b) =>
        a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'consultation' ? -1 : 1,
      ),
    [services],
  );
  return (
    <ul className={classes.serviceList} aria-label="Services">
      {sorted.map((service) => (
        <li key={service.id}>
          <button
            type="button"
            className={classes.serviceCard}
            data-chosen={chosen?.id === service.id || undefined}
            onClick={() => onChoose(service)}
          >
            <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start" w="100%">
              <Text fw={650} size="lg" component="span">
                {service.name}
              </Text>
              <Badge
                variant="light"
                color={service.kind === 'consultation' ? 'puncta' : 'blue'}
                radius="sm"
                tt="none"
                style={{ flexShrink: 0 }}
              >
                {kindWords(service.kind)}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" component="span">
              {service.kind === 'consultation'
                ? 'Meet a practitioner, talk through your skin and your plan.'
                : 'A micro-needling session. Book one, or the whole course at once.'}
            </Text>
            <Group gap="md" mt="auto" component="span">
              <Group gap={6} component="span">
                <IconClock size={16} aria-hidden />
                <Text size="sm" component="span">
                  {formatDuration(service.durationMinutes)}
                </Text>
              </Group>
              <Text size="sm" fw={650} component="span">
                {formatPrice(service.priceCents, service.currency)}
              </Text>
            </Group>
          </button>
        </li>
      ))}
    </ul>
  );
}

function ConfirmStep({
  service,
  slot,
  csrfToken,
  planAttached,
  onBack,
  onTaken,
  onBooked,
}: {
  service: BookableService;
  slot: PickedSlot;
  csrfToken: string;
  planAttached: boolean;
  onBack: () => void;
  onTaken: () => void;
  onBooked: (booking: BookingView) => void;
}) {
  // The time is held for this patient while they check it, and released on Back.
  const held = useHold(csrfToken, { serviceId: service.id, start: slot.start, practitionerId: slot.practitionerId });
  const holdId = held.state.status === 'held' ? held.state.hold.id : undefined;
  // One key per confirmation of this slot (and hold): a double click or a retry after
  // a lost answer sends the same key, and the server books once.
  const key = useRef(newIdempotencyKey());
  const keyHold = useRef(holdId);
  if (keyHold.current !== holdId) {
    keyHold.current = holdId;
    key.current = newIdempotencyKey();
  }
  const { submit, submitting, formError, problem } = useSubmit();
  const [heldAgain, setHeldAgain] = useState(false);
  useEffect(() => {
    if (problem?.code === 'slot_unavailable' || held.state.status === 'taken') onTaken();
  }, [problem, held.state.status, onTaken]);
  const holdAgain = held.again;
  useEffect(() => {
    if (problem?.code !== 'hold_expired') return;
    setHeldAgain(true);
    holdAgain();
  }, [problem, holdAgain]);

  const book = () =>
    submit(async () => {
      const booking = await bookingApi(csrfToken).book(
        {
          serviceId: service.id,
          start: slot.start,
          practitionerId: slot.practitionerId,
          ...(holdId === undefined ? {} : { holdId }),
        },
        key.current,
      );
      held.consumed();
      onBooked(booking);
    });

  return (
    <Stack gap="md" maw={640}>
      <BackLink onClick={onBack}>Choose another time</BackLink>
      <FocusHeading>Check and book</FocusHeading>
      <Card withBorder radius="lg" p="lg">
        <Summary
          rows={[
            ['What', service.name],
            ['When', formatAppointment(slot.start, slot.timeZone)],
            ['How long', formatDuration(service.durationMinutes)],
            slot.practitionerName !== undefined && ['With', slot.practitionerName],
            ['Price', formatPrice(service.priceCents, service.currency)],
            planAttached && ['Your plan', 'Attached for the practitioner'],
          ]}
        />
        <Text size="sm" c="dimmed" mt="md">
          The time is in {zoneCity(slot.timeZone)} time, the clinic’s local time. You pay at the clinic.
        </Text>
        <HoldNote state={held.state} zone={slot.timeZone} heldAgain={heldAgain} />
      </Card>
      <FormError
        message={
          problem?.code === 'slot_unavailable' || problem?.code === 'hold_expired'
            ? undefined
            : formError && bookingProblemText(problem)
        }
      />
      <Group gap="sm">
        <Button
          size="md"
          onClick={() => void book()}
          loading={submitting || held.state.status === 'holding'}
          leftSection={<IconCalendarCheck size={20} aria-hidden />}
        >
          Book
        </Button>
        <Button size="md" variant="default" onClick={onBack} disabled={submitting}>
          Back
        </Button>
      </Group>
    </Stack>
  );
}

/** "Held for you until 9:42 PM EST (New York time)", or why it could not be held. */
function HoldNote({ state, zone, heldAgain }: { state: HoldState; zone: string; heldAgain: boolean }) {
  if (state.status === 'holding') {
    return (
      <Text size="sm" mt="xs" role="status">
        Holding this time for you…
      </Text>
    );
  }
  if (state.status === 'held') {
    const until = `${formatTime(state.hold.expiresAt, zone)} ${zoneAbbreviation(state.hold.expiresAt, zone)}`;
    return (
      <Group gap={6} mt="xs" wrap="nowrap" role="status" data-testid="hold-note">
        <IconClock size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {heldAgain ? 'Your hold ran out, so we held the time again: ' : ''}Held for you until {until} (
          {zoneCity(zone)} time). Book before then to keep it.
        </Text>
      </Group>
    );
  }
  if (state.status === 'unheld') {
    return (
      <Text size="sm" mt="xs" c="dimmed" role="status">
        We could not hold this time for you: {state.message} You can still book it.
      </Text>
    );
  }
  return null;
}

function BookedView({
  booking,
  service,
  zone,
  onAnother,
}: {
  booking: BookingView;
  service: BookableService;
  zone: string;
  onAnother: () => void;
}) {
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={640}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={48} radius="xl" variant="light" color="green">
            <IconCalendarCheck size={28} aria-hidden />
          </ThemeIcon>
          <FocusHeading>You are booked</FocusHeading>
        </Group>
        <Summary
          rows={[
            ['What', service.name],
            ['When', <span data-testid="booked-time">{formatAppointment(booking.start, zone)}</span>],
            ['How long', formatDuration(service.durationMinutes)],
            ['Price', formatPrice(booking.priceCents, booking.currency)],
          ]}
        />
        <Text size="sm" c="dimmed">
          Please arrive five minutes early. You can move or cancel this visit under My appointments.
        </Text>
        <Group gap="sm">
          <AddToCalendar bookingId={booking.id} size="md" />
          <Button
            component={Link}
            to="/appointments"
            size="md"
            leftSection={<IconCalendarEvent size={18} aria-hidden />}
          >
            My appointments
          </Button>
        </Group>
        <Button
          variant="subtle"
          onClick={onAnother}
          style={{ alignSelf: 'flex-start' }}
          leftSection={<IconListNumbers size={18} aria-hidden />}
        >
          Book something else
        </Button>
      </Stack>
    </Card>
  );
}
