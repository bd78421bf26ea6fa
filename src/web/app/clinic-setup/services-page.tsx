// Services and booking rules (issue 6), for clinic admins: each service's name,
// kind, duration, set-up and cleaning buffers, price, whether it can be booked,
// the room and device it needs and who gives it; the clinic's booking rules, each
// with what it means; and the days the clinic is closed. Every save is one audited
// call; the server's message is shown as it is when it refuses one.
import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { IconDeviceFloppy, IconPencil } from '@tabler/icons-react';
import { useSignedInSession } from '../auth/session-context.tsx';
import { SettingsCard } from '../account/settings-card.tsx';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { useDateTimeFormat } from '../format/dates.ts';
import { formatPrice, keyParts } from '../booking/clinic-zone.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { SERVICE_NAME_MAX, type HolidayListResponse } from '../../../domain/contracts/scheduling-admin.ts';
import {
  clinicSetupApi,
  type BookingRulesResponse,
  type BookingRulesView,
  type DeviceClass,
  type PractitionerListResponse,
  type ServiceSettingsView,
} from './api.ts';
import { SubmitRow, ZoneNote, problemText } from './parts.tsx';
import classes from './clinic-setup.module.css';
import { LoadingLine } from '../pages/load-states.tsx';
import rowList from '../pages/row-list.module.css';

const DEVICE_WORDS: Record<DeviceClass, string> = { mechanical_pen: 'Mechanical pen', roller: 'Roller' };
const KIND_WORDS = { consultation: 'Consultation', treatment: 'Treatment' } as const;

/** "Thursday, December 24, 2026" for a local date key. */
function dayText(key: string): string {
  return `${keyParts(key).long}, ${key.slice(0, 4)}`;
}

export function ServicesPage() {
  const session = useSignedInSession();
  return (
    <>
      <PageHeader
        title="Services and booking rules"
        description="What patients can book, how long each takes with its set-up and cleaning, and the rules every booking follows."
      />
      <Stack gap="lg">
        <ZoneNote zone={session.clinic.timeZone} />
        <ServicesCard />
        <BookingRulesCard />
        <HolidaysCard />
      </Stack>
    </>
  );
}

// --- services --------------------------------------------------------------------------

function ServicesCard() {
  const [services, setServices] = useState<ServiceSettingsView[] | undefined>();
  const [people, setPeople] = useState<PractitionerListResponse['practitioners']>([]);
  const [loadError, setLoadError] = useState<string | undefined>();
  const [editing, setEditing] = useState<ServiceSettingsView | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    Promise.all([clinicSetupApi.services(controller.signal), clinicSetupApi.practitioners(controller.signal)]).then(
      ([list, staff]) => {
        setServices(list.services);
        setPeople(staff.practitioners);
      },
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(problemText(cause));
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const nameOf = (id: string) => people.find((person) => person.id === id)?.name ?? 'Someone no longer on the team';

  return (
    <SettingsCard
      title="Services"
      description="Buffers keep the practitioner, room and device busy before (set-up) and after (cleaning) each booking; patients see only the appointment time."
    >
      <FormError message={loadError} />
      {notice !== undefined && <FormSuccess>{notice}</FormSuccess>}
      {services === undefined && loadError === undefined && <LoadingLine>Loading the services…</LoadingLine>}
      {services !== undefined && services.length === 0 && (
        <Text size="sm" c="dimmed">
          The clinic has no services yet.
        </Text>
      )}
      {services !== undefined && services.length > 0 && (
        <ul className={rowList.rows} aria-label="Services">
          {services.map((service) => (
            <li key={service.id} className={rowList.row} data-service-id={service.id}>
              <Stack gap={4} style={{ minWidth: 0, flex: '1 1 320px' }}>
                <Group gap="xs">
                  <Text fw={600}>{service.name}</Text>
                  <Badge size="sm" variant="light" color={service.kind === 'treatment' ? 'gray' : 'blue'}>
                    {KIND_WORDS[service.kind]}
                  </Badge>
                  {!service.active && (
                    <Badge size="sm" variant="light" color="gray">
                      Not bookable
                    </Badge>
                  )}
                </Group>
                <Text size="sm">
                  {service.durationMinutes} min · {service.bufferBeforeMinutes} min set-up before ·{' '}
                  {service.bufferAfterMinutes} min cleaning after · {formatPrice(service.priceCents, service.currency)}
                </Text>
                <Text size="sm" c="dimmed">
                  {service.needsRoom ? 'Needs a room' : 'No room'} ·{' '}
                  {service.deviceClass === null
                    ? 'No device'
                    : `Needs a ${DEVICE_WORDS[service.deviceClass].toLowerCase()}`}{' '}
                  ·{' '}
                  {service.practitionerIds.length === 0
                    ? 'Nobody gives it yet'
                    : `Given by ${service.practitionerIds.map(nameOf).join(', ')}`}
                </Text>
              </Stack>
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} aria-hidden />}
                onClick={() => {
                  setEditing(service);
                  setNotice(undefined);
                }}
                aria-label={`Edit ${service.name}`}
              >
                Edit
              </Button>
            </li>
          ))}
        </ul>
      )}
      {editing !== undefined && (
        <ServiceDialog
          service={editing}
          people={people}
          onClose={() => setEditing(undefined)}
          onSaved={(saved) => {
            setEditing(undefined);
            setNotice(`“${saved.name}” saved.`);
            setAttempt((count) => count + 1);
          }}
        />
      )}
    </SettingsCard>
  );
}

function ServiceDialog({
  service,
  people,
  onClose,
  onSaved,
}: {
  service: ServiceSettingsView;
  people: PractitionerListResponse['practitioners'];
  onClose: () => void;
  onSaved: (service: ServiceSettingsView) => void;
}) {
  const [name, setName] = useState(service.name);
  const [kind, setKind] = useState(service.kind);
  const [duration, setDuration] = useState<number | string>(service.durationMinutes);
  const [before, setBefore] = useState<number | string>(service.bufferBeforeMinutes);
  const [after, setAfter] = useState<number | string>(service.bufferAfterMinutes);
  const [price, setPrice] = useState<number | string>(service.priceCents / 100);
  const [active, setActive] = useState(service.active);
  const [needsRoom, setNeedsRoom] = useState(service.needsRoom);
  const [device, setDevice] = useState<string>(service.deviceClass ?? 'none');
  const [givers, setGivers] = useState<string[]>(service.practitionerIds);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const whole = (value: number | string, min: number, max: number) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const checks: Record<string, string> = {};
    if (name.trim() === '') checks.name = 'Give the service a name.';
    if (!whole(duration, 5, 600)) checks.duration = 'Between 5 and 600 whole minutes.';
    if (!whole(before, 0, 240)) checks.before = 'Between 0 and 240 whole minutes.';
    if (!whole(after, 0, 240)) checks.after = 'Between 0 and 240 whole minutes.';
    if (typeof price !== 'number' || price < 0 || price > 100_000) checks.price = 'Between 0 and 100,000.';
    setFieldErrors(checks);
    if (Object.keys(checks).length > 0) return;
    setSaving(true);
    setError(undefined);
    clinicSetupApi
      .saveService(service.id, {
        name: name.trim(),
        kind,
        durationMinutes: Number(duration),
        bufferBeforeMinutes: Number(before),
        bufferAfterMinutes: Number(after),
        priceCents: Math.round(Number(price) * 100),
        active,
        needsRoom,
        deviceClass: device === 'none' ? null : (device as DeviceClass),
        practitionerIds: givers,
      })
      .then(onSaved, (cause: unknown) => setError(problemText(cause)))
      .finally(() => setSaving(false));
  };

  return (
    <Dialog opened onClose={onClose} title={`Edit “${service.name}”`} size="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <TextInput
            label="Name"
            value={name}
            maxLength={SERVICE_NAME_MAX}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fieldErrors.name}
            required
            data-autofocus
          />
          <NativeSelect
            label="Kind"
            description="A treatment session is screened again before it starts; a consultation is not."
            value={kind}
            onChange={(event) => setKind(event.currentTarget.value === 'treatment' ? 'treatment' : 'consultation')}
            data={[
              { value: 'consultation', label: 'Consultation' },
              { value: 'treatment', label: 'Treatment' },
            ]}
          />
          <div className={classes.ruleGrid}>
            <NumberInput
              label="Duration (minutes)"
              description="The appointment itself, as the patient sees it."
              value={duration}
              onChange={setDuration}
              min={5}
              max={600}
              step={5}
              allowDecimal={false}
              error={fieldErrors.duration}
            />
            <NumberInput
              label="Price"
              description={`In ${service.currency}; bookings already made keep theirs.`}
              value={price}
              onChange={setPrice}
              min={0}
              decimalScale={2}
              fixedDecimalScale
              error={fieldErrors.price}
            />
            <NumberInput
              label="Buffer before (minutes)"
              description="Set-up time before the appointment."
              value={before}
              onChange={setBefore}
              min={0}
              max={240}
              step={5}
              allowDecimal={false}
              error={fieldErrors.before}
            />
            <NumberInput
              label="Buffer after (minutes)"
              description="Cleaning time after the appointment."
              value={after}
              onChange={setAfter}
              min={0}
              max={240}
              step={5}
              allowDecimal={false}
              error={fieldErrors.after}
            />
          </div>
          <Switch
            label="Patients can book it"
            description="Off: it disappears from booking; existing bookings stay."
            checked={active}
            onChange={(event) => setActive(event.currentTarget.checked)}
          />
          <Switch
            label="Needs a room"
            description="Each booking takes one of the clinic’s rooms."
            checked={needsRoom}
            onChange={(event) => setNeedsRoom(event.currentTarget.checked)}
          />
          <NativeSelect
            label="Device it needs"
            description="Each booking takes a free device of this class."
            value={device}
            onChange={(event) => setDevice(event.currentTarget.value)}
            data={[
              { value: 'none', label: 'No device' },
              { value: 'mechanical_pen', label: DEVICE_WORDS.mechanical_pen },
              { value: 'roller', label: DEVICE_WORDS.roller },
            ]}
          />
          <Checkbox.Group
            label="Who gives it"
            description="Patients can book it only with these people."
            value={givers}
            onChange={setGivers}
          >
            <Stack gap={8} mt={6}>
              {people.map((person) => (
                <Checkbox
                  key={person.id}
                  value={person.id}
                  label={person.role === 'clinic_admin' ? `${person.name} (clinic admin)` : person.name}
                />
              ))}
            </Stack>
          </Checkbox.Group>
          <FormError message={error} />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button
              type="submit"
              loading={saving}
              disabled={saving}
              leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            >
              Save service
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}

// --- booking rules ----------------------------------------------------------------------

const SLOT_STEPS = [5, 10, 15, 20, 30, 60] as const;

function BookingRulesCard() {
  const [loaded, setLoaded] = useState<BookingRulesResponse | undefined>();
  const [rules, setRules] = useState<BookingRulesView | undefined>();
  const [capText, setCapText] = useState<number | string>('');
  const [loadError, setLoadError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState(false);
  const formatDate = useDateTimeFormat();

  const apply = useCallback((answer: BookingRulesResponse) => {
    setLoaded(answer);
    const slotStep = SLOT_STEPS.find((step) => step === answer.rules.slotStepMinutes) ?? 15;
    setRules({ ...answer.rules, slotStepMinutes: slotStep });
    setCapText(answer.rules.dailyCapPerPractitioner ?? '');
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    clinicSetupApi.bookingRules(controller.signal).then(apply, (cause: unknown) => {
      if (!controller.signal.aborted) setLoadError(problemText(cause));
    });
    return () => controller.abort();
  }, [apply]);

  const set = (change: Partial<BookingRulesView>) => {
    setRules((current) => (current === undefined ? current : { ...current, ...change }));
    setSaved(false);
  };
  const numberOf = (value: number | string) => (typeof value === 'number' ? value : Number.NaN);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rules === undefined || saving) return;
    setSaving(true);
    setError(undefined);
    setSaved(false);
    clinicSetupApi
      .saveBookingRules({ ...rules, dailyCapPerPractitioner: capText === '' ? null : numberOf(capText) })
      .then(
        (answer) => {
          apply(answer);
          setSaved(true);
        },
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setSaving(false));
  };

  return (
    <SettingsCard
      title="Booking rules"
      description="They apply to every booking patients make online; the front desk is held to them too."
      actions={
        loaded !== undefined &&
        (loaded.customised ? (
          <Badge variant="light" color="green">
            Customised
          </Badge>
        ) : (
          <Badge variant="light" color="gray">
            Defaults
          </Badge>
        ))
      }
    >
      <FormError message={loadError} />
      {rules === undefined ? (
        loadError === undefined && <LoadingLine>Loading the rules…</LoadingLine>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <div className={classes.ruleGrid}>
              <NumberInput
                label="Minimum notice (minutes)"
                description="How soon a booking can start: 120 means nothing within the next two hours."
                value={rules.minNoticeMinutes}
                onChange={(value) => set({ minNoticeMinutes: numberOf(value) })}
                min={0}
                max={43_200}
                step={15}
                allowDecimal={false}
              />
              <NumberInput
                label="Book up to (days ahead)"
                description="How far into the future patients can book."
                value={rules.maxDaysAhead}
                onChange={(value) => set({ maxDaysAhead: numberOf(value) })}
                min={1}
                max={730}
                allowDecimal={false}
              />
              <NumberInput
                label="Cancellation notice (hours)"
                description="Patients can cancel or move online until this long before the start; after that they call."
                value={rules.cancelNoticeHours}
                onChange={(value) => set({ cancelNoticeHours: numberOf(value) })}
                min={0}
                max={720}
                allowDecimal={false}
              />
              <NativeSelect
                label="Start times every"
                description="The grid of start times offered: every 15 minutes gives 9:00, 9:15, 9:30…"
                value={String(rules.slotStepMinutes)}
                onChange={(event) => {
                  const step = SLOT_STEPS.find((value) => String(value) === event.currentTarget.value);
                  if (step !== undefined) set({ slotStepMinutes: step });
                }}
                data={SLOT_STEPS.map((step) => ({ value: String(step), label: `${step} minutes` }))}
              />
              <NumberInput
                label="Daily cap per practitioner"
                description="Most appointments one practitioner takes in a day. Leave empty for no cap."
                value={capText}
                onChange={(value) => {
                  setCapText(value);
                  setSaved(false);
                }}
                min={1}
                max={100}
                allowDecimal={false}
              />
            </div>
            {loaded?.updatedAt != null && (
              <Text size="xs" c="dimmed">
                Last changed {formatDate(loaded.updatedAt)}.
              </Text>
            )}
            {saved && <FormSuccess>Booking rules saved. They apply to new bookings from now on.</FormSuccess>}
            <FormError message={error} />
            <SubmitRow kind="save" saving={saving}>
              Save booking rules
            </SubmitRow>
          </Stack>
        </form>
      )}
    </SettingsCard>
  );
}

// --- holidays ----------------------------------------------------------------------------

function HolidaysCard() {
  const [holidays, setHolidays] = useState<HolidayListResponse['holidays'] | undefined>();
  const [loadError, setLoadError] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [day, setDay] = useState('');
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [removing, setRemoving] = useState<string | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState<ReactNode>();

  useEffect(() => {
    const controller = new AbortController();
    clinicSetupApi.holidays(controller.signal).then(
      (answer) => setHolidays(answer.holidays),
      (cause: unknown) => {
        if (!controller.signal.aborted) setLoadError(problemText(cause));
      },
    );
    return () => controller.abort();
  }, [attempt]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    if (day === '' || name.trim() === '') {
      setError('Choose a date and give the day a name.');
      return;
    }
    setSaving(true);
    setError(undefined);
    setNotice(undefined);
    clinicSetupApi
      .addHoliday(day, name.trim())
      .then(
        (added) => {
          setNotice(`Closed on ${dayText(added.day)}: ${added.name}.`);
          setDay('');
          setName('');
          setAttempt((count) => count + 1);
        },
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setSaving(false));
  };

  const remove = (holiday: { day: string; name: string }) => {
    setRemoving(holiday.day);
    setError(undefined);
    setNotice(undefined);
    clinicSetupApi
      .removeHoliday(holiday.day)
      .then(
        () => {
          setNotice(`Open again on ${dayText(holiday.day)}.`);
          setAttempt((count) => count + 1);
        },
        (cause: unknown) => setError(problemText(cause)),
      )
      .finally(() => setRemoving(undefined));
  };

  return (
    <SettingsCard
      title="Holidays"
      description="Days the whole clinic is closed: no one can book them, whatever the practitioners’ hours say."
    >
      <FormError message={loadError} />
      {notice !== undefined && <FormSuccess>{notice}</FormSuccess>}
      {holidays !== undefined && holidays.length === 0 && (
        <Text size="sm" c="dimmed">
          No holidays set.
        </Text>
      )}
      {holidays !== undefined && holidays.length > 0 && (
        <ul className={rowList.rows} aria-label="Holidays">
          {holidays.map((holiday) => (
            <li key={holiday.day} className={rowList.row}>
              <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
                <Text fw={600}>{holiday.name}</Text>
                <Text size="sm">{dayText(holiday.day)}</Text>
              </Stack>
              <Button
                variant="default"
                color="red"
                size="xs"
                loading={removing === holiday.day}
                disabled={removing !== undefined}
                onClick={() => remove(holiday)}
                aria-label={`Remove the holiday ${holiday.name} on ${dayText(holiday.day)}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={onSubmit} noValidate className={classes.addForm} aria-labelledby="add-holiday">
        <Stack gap="sm">
          <Text fw={600} id="add-holiday">
            Add a holiday
          </Text>
          <Group gap="sm" align="flex-end" grow preventGrowOverflow={false} className={classes.fields}>
            <TextInput
              type="date"
              label="Date"
              value={day}
              onChange={(event) => setDay(event.currentTarget.value)}
              required
            />
            <TextInput
              label="Name"
              placeholder="e.g. Independence Day"
              value={name}
              maxLength={100}
              onChange={(event) => setName(event.currentTarget.value)}
              required
            />
          </Group>
          <FormError message={error} />
          <SubmitRow kind="add" saving={saving}>
            Add holiday
          </SubmitRow>
        </Stack>
      </form>
    </SettingsCard>
  );
}
