// The waitlist for the front desk (issue 6): open entries (patient, service, window
// of local dates, practitioner wanted, waiting since, the latest offer), adding and
// removing entries, and "Find a slot to offer": the free slots of the entry's service
// inside its window (GET /api/v1/availability), one of which is offered to the
// patient (POST /api/v1/waitlist/:id/offers holds it for them and emails them).
// Every time is on the clinic's clocks and labelled with its zone.
import { useMemo, useState } from 'react';
import { z } from 'zod';
import { Alert, Badge, Button, Card, Group, Select, Skeleton, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconCalendarPlus, IconClock, IconSearch, IconTrash, IconUserPlus, IconWorld } from '@tabler/icons-react';
import { waitlistOfferResponseSchema } from '../../../domain/contracts/holds.ts';
import {
  calendarResourcesResponseSchema,
  waitlistEntrySchema,
  waitlistListResponseSchema,
  type WaitlistEntryView,
} from '../../../domain/contracts/scheduling-admin.ts';
import {
  SCHEDULING_LIMITS,
  availabilityResponseSchema,
  servicesResponseSchema,
  type SlotView,
} from '../../../domain/contracts/scheduling.ts';
import { dayNumber, firstInstantAtOrAfter } from '../../../domain/scheduling/zoned-time.ts';
import { ApiError, requestJson, useResource } from '../api/fetch-json.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { availabilityUrl } from '../booking/api.ts';
import {
  addDaysToKey,
  formatAppointment,
  formatShortDate,
  formatTime,
  keyParts,
  localDateKey,
  zoneAbbreviation,
  zoneSentence,
} from '../booking/clinic-zone.ts';
import { Dialog } from '../forms/dialog.tsx';
import { FormError, FormSuccess } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useSubmit } from '../forms/use-submit.ts';
import { LoadFailed, LoadingPlaceholders } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';

const WAITLIST_URL = '/api/v1/waitlist';
const DAY_MS = 86_400_000;
const patientListSchema = z.object({
  patients: z.array(z.object({ id: z.string(), givenName: z.string(), familyName: z.string() })),
});

/** "Mon, Jan 5 – Mon, Jan 12" for a window of local dates. */
function windowText(entry: Pick<WaitlistEntryView, 'windowStart' | 'windowEnd'>): string {
  const start = keyParts(entry.windowStart);
  const end = keyParts(entry.windowEnd);
  return `${start.weekday}, ${start.month} ${start.day} – ${end.weekday}, ${end.month} ${end.day}`;
}

function timeWithZone(iso: string, zone: string): string {
  return `${formatShortDate(iso, zone)}, ${formatTime(iso, zone)} ${zoneAbbreviation(iso, zone)}`;
}

function OfferBadge({ entry, zone }: { entry: WaitlistEntryView; zone: string }) {
  const offer = entry.offer;
  if (offer === null || offer === undefined) return <Text size="sm">Not offered yet</Text>;
  const color = { offered: 'blue', expired: 'gray', declined: 'orange', accepted: 'green' }[offer.status];
  const label = { offered: 'Offered', expired: 'Offer ran out', declined: 'Declined', accepted: 'Accepted' }[
    offer.status
  ];
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={color} variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }} data-testid="offer-status">
        {label}
      </Badge>
      <Text size="xs">{timeWithZone(offer.start, zone)}</Text>
      {offer.status === 'offered' && <Text size="xs">Held until {timeWithZone(offer.expiresAt, zone)}</Text>}
    </Stack>
  );
}

export function WaitlistPage() {
  const session = useSignedInSession();
  const zone = session.clinic.timeZone;
  const entries = useResource(WAITLIST_URL, waitlistListResponseSchema);
  const services = useResource('/api/v1/services', servicesResponseSchema);
  const resources = useResource('/api/v1/calendar/resources', calendarResourcesResponseSchema);
  const [adding, setAdding] = useState(false);
  const [offering, setOffering] = useState<WaitlistEntryView | undefined>();
  const [removing, setRemoving] = useState<WaitlistEntryView | undefined>();
  const [note, setNote] = useState<string | undefined>();

  const serviceName = useMemo(() => {
    const names = new Map((services.status === 'ready' ? services.data.services : []).map((s) => [s.id, s.name]));
    return (id: string) => names.get(id) ?? 'A service';
  }, [services]);
  const practitionerName = useMemo(() => {
    const names = new Map(
      (resources.status === 'ready' ? resources.data.practitioners : []).map((p) => [p.id, p.name]),
    );
    return (id: string | null) => (id === null ? 'Anyone' : (names.get(id) ?? 'A practitioner'));
  }, [resources]);

  const changed = (message: string) => {
    setNote(message);
    entries.reload();
  };

  return (
    <>
      <PageHeader
        title="Waitlist"
        description="Patients waiting for a time. When a slot frees up, offer it to someone whose window contains it: it is held for them and they are emailed."
        actions={
          <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={() => setAdding(true)}>
            Add to the waitlist
          </Button>
        }
      />
      {note !== undefined && (
        <div style={{ marginBottom: 'var(--mantine-spacing-lg)' }}>
          <FormSuccess>{note}</FormSuccess>
        </div>
      )}
      <Group gap="xs" wrap="nowrap" align="flex-start" mb="md">
        <IconWorld size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
        <Text size="sm" data-testid="zone-label">
          {zoneSentence(zone, [])} Windows are the clinic’s calendar dates, first and last day included.
        </Text>
      </Group>
      {entries.status === 'loading' && <LoadingPlaceholders height={48} radius="md" />}
      {entries.status === 'error' && (
        <LoadFailed title="We could not load the waitlist" error={entries.error} onRetry={entries.reload} />
      )}
      {entries.status === 'ready' && entries.data.entries.length === 0 && (
        <Card withBorder radius="lg" p="xl">
          <Text ta="center">Nobody is waiting. Add a patient who would take an earlier time.</Text>
        </Card>
      )}
      {entries.status === 'ready' && entries.data.entries.length > 0 && (
        <Card withBorder radius="lg" p={0}>
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="sm" horizontalSpacing="md" aria-label="Open waitlist entries">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Patient</Table.Th>
                  <Table.Th scope="col">Service</Table.Th>
                  <Table.Th scope="col">Window</Table.Th>
                  <Table.Th scope="col">Practitioner</Table.Th>
                  <Table.Th scope="col">Waiting since</Table.Th>
                  <Table.Th scope="col">Offer</Table.Th>
                  <Table.Th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.data.entries.map((entry) => (
                  <Table.Tr key={entry.id} data-testid="waitlist-entry">
                    <Table.Td fw={600}>{entry.patientName}</Table.Td>
                    <Table.Td>{serviceName(entry.serviceId)}</Table.Td>
                    <Table.Td>{windowText(entry)}</Table.Td>
                    <Table.Td>{practitionerName(entry.practitionerId)}</Table.Td>
                    <Table.Td>{formatShortDate(entry.waitingSince, zone)}</Table.Td>
                    <Table.Td miw={190}>
                      <OfferBadge entry={entry} zone={zone} />
                    </Table.Td>
                    <Table.Td>
                      <Stack gap="xs" align="stretch">
                        <Button
                          size="compact-sm"
                          leftSection={<IconSearch size={14} aria-hidden />}
                          onClick={() => setOffering(entry)}
                          disabled={entry.offer?.status === 'offered'}
                          aria-label={`Find a slot to offer ${entry.patientName}`}
                        >
                          Find a slot to offer
                        </Button>
                        <Button
                          size="compact-sm"
                          variant="default"
                          leftSection={<IconTrash size={14} aria-hidden />}
                          onClick={() => setRemoving(entry)}
                          aria-label={`Remove ${entry.patientName} from the waitlist`}
                        >
                          Remove
                        </Button>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      <AddEntryDialog
        opened={adding}
        onClose={() => setAdding(false)}
        services={services.status === 'ready' ? services.data.services : []}
        practitioners={resources.status === 'ready' ? resources.data.practitioners : []}
        zone={zone}
        onAdded={(entry) => {
          setAdding(false);
          changed(`${entry.patientName} is on the waitlist.`);
        }}
      />
      {offering !== undefined && (
        <OfferDialog
          entry={offering}
          zone={zone}
          serviceName={serviceName(offering.serviceId)}
          practitionerName={practitionerName}
          onClose={() => setOffering(undefined)}
          onOffered={(message) => {
            setOffering(undefined);
            changed(message);
          }}
        />
      )}
      {removing !== undefined && (
        <RemoveDialog
          entry={removing}
          onClose={() => setRemoving(undefined)}
          onRemoved={() => {
            setRemoving(undefined);
            changed(`${removing.patientName} is off the waitlist.`);
          }}
        />
      )}
    </>
  );
}

function AddEntryDialog({
  opened,
  onClose,
  services,
  practitioners,
  zone,
  onAdded,
}: {
  opened: boolean;
  onClose: () => void;
  services: readonly { id: string; name: string }[];
  practitioners: readonly { id: string; name: string }[];
  zone: string;
  onAdded: (entry: WaitlistEntryView) => void;
}) {
  const patients = useResource('/api/v1/patients', patientListSchema);
  const today = localDateKey(new Date().toISOString(), zone);
  const [patientId, setPatientId] = useState<string | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [practitionerId, setPractitionerId] = useState<string | null>(null);
  const [windowStart, setWindowStart] = useState(today);
  const [windowEnd, setWindowEnd] = useState(addDaysToKey(today, 14));
  const { submit, submitting, formError, fieldErrors } = useSubmit();

  const add = () =>
    submit(
      async () => {
        const entry = await requestJson(WAITLIST_URL, waitlistEntrySchema, {
          method: 'POST',
          body: {
            patientId,
            serviceId,
            windowStart,
            windowEnd,
            ...(practitionerId === null ? {} : { practitionerId }),
          },
        });
        onAdded(entry);
      },
      {
        patientId: patientId === null ? 'Choose the patient.' : undefined,
        serviceId: serviceId === null ? 'Choose the service.' : undefined,
        windowEnd: windowEnd < windowStart ? 'The window must end on or after its first day.' : undefined,
      },
    );

  return (
    <Dialog opened={opened} onClose={onClose} title="Add to the waitlist">
      <Stack gap="sm">
        <Select
          label="Patient"
          searchable
          required
          value={patientId}
          onChange={setPatientId}
          error={fieldErrors.patientId}
          data={(patients.status === 'ready' ? patients.data.patients : []).map((patient) => ({
            value: patient.id,
            label: `${patient.givenName} ${patient.familyName}`,
          }))}
          nothingFoundMessage="No patient by that name"
        />
        <Select
          label="Service"
          required
          value={serviceId}
          onChange={setServiceId}
          error={fieldErrors.serviceId}
          data={services.map((service) => ({ value: service.id, label: service.name }))}
        />
        <Select
          label="Practitioner"
          description="Leave empty when anyone will do."
          clearable
          value={practitionerId}
          onChange={setPractitionerId}
          data={practitioners.map((person) => ({ value: person.id, label: person.name }))}
        />
        <Group grow>
          <TextInput
            type="date"
            label="Window from"
            required
            value={windowStart}
            onChange={(event) => setWindowStart(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Window until"
            required
            value={windowEnd}
            error={fieldErrors.windowEnd}
            onChange={(event) => setWindowEnd(event.currentTarget.value)}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Dates on the clinic’s calendar; for a course, the window of the next session.
        </Text>
        <FormError message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button onClick={() => void add()} loading={submitting}>
            Add
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function OfferDialog({
  entry,
  zone,
  serviceName,
  practitionerName,
  onClose,
  onOffered,
}: {
  entry: WaitlistEntryView;
  zone: string;
  serviceName: string;
  practitionerName: (id: string | null) => string;
  onClose: () => void;
  onOffered: (message: string) => void;
}) {
  // The entry's window as instants: its first local midnight (or now) to the midnight after its last day.
  const url = useMemo(() => {
    const fromMs = Math.max(firstInstantAtOrAfter(zone, dayNumber(entry.windowStart), 0), Date.now());
    const endMs = firstInstantAtOrAfter(zone, dayNumber(addDaysToKey(entry.windowEnd, 1)), 0);
    const toMs = Math.min(endMs, fromMs + SCHEDULING_LIMITS.availabilityMaxDays * DAY_MS);
    return availabilityUrl({
      serviceId: entry.serviceId,
      from: new Date(fromMs).toISOString(),
      to: new Date(Math.max(toMs, fromMs + 60_000)).toISOString(),
      practitionerId: entry.practitionerId ?? undefined,
    });
  }, [entry, zone]);
  const slots = useResource(url, availabilityResponseSchema);
  const [chosen, setChosen] = useState<SlotView | undefined>();
  const { submit, submitting, formError } = useSubmit();

  const byDay = useMemo(() => {
    const days = new Map<string, SlotView[]>();
    for (const slot of slots.status === 'ready' ? slots.data.slots : []) {
      const key = localDateKey(slot.start, zone);
      const list = days.get(key) ?? [];
      list.push(slot);
      days.set(key, list);
    }
    return [...days.entries()];
  }, [slots, zone]);

  const offer = () =>
    submit(async () => {
      if (chosen === undefined) return;
      const made = await requestJson(
        `${WAITLIST_URL}/${encodeURIComponent(entry.id)}/offers`,
        waitlistOfferResponseSchema,
        { method: 'POST', body: { start: chosen.start, practitionerId: chosen.practitionerId } },
      );
      onOffered(
        `Offered ${formatAppointment(made.hold.start, zone)} to ${entry.patientName}, held until ` +
          `${timeWithZone(made.hold.expiresAt, zone)}.` +
          (made.mailed ? ' They have been emailed.' : ' They have no email address: call them.'),
      );
    });

  return (
    <Dialog opened onClose={onClose} title={`Offer a time to ${entry.patientName}`} size="lg">
      <Stack gap="sm">
        <Text size="sm">
          {serviceName} · {windowText(entry)} · {practitionerName(entry.practitionerId)}
        </Text>
        <Text size="xs" c="dimmed">
          {zoneSentence(
            zone,
            byDay.flatMap(([, list]) => list.map((slot) => slot.start)),
          )}
        </Text>
        {slots.status === 'loading' && <Skeleton height={120} radius="md" />}
        {slots.status === 'error' && (
          <FormError message={slots.error instanceof ApiError ? describeProblem(slots.error) : slots.error.message} />
        )}
        {slots.status === 'ready' && byDay.length === 0 && (
          <Alert color="gray" variant="light" icon={<IconClock aria-hidden />}>
            No free time in this patient’s window right now.
          </Alert>
        )}
        <Stack gap="xs" mah={360} style={{ overflowY: 'auto' }} aria-label="Free times in the window">
          {byDay.map(([day, list]) => (
            <div key={day}>
              <Text size="sm" fw={650}>
                {keyParts(day).long}
              </Text>
              <Group gap={6} mt={4}>
                {list.map((slot) => (
                  <Button
                    key={`${slot.start}|${slot.practitionerId}`}
                    size="compact-sm"
                    variant={chosen === slot ? 'filled' : 'default'}
                    aria-pressed={chosen === slot}
                    onClick={() => setChosen(slot)}
                  >
                    {formatTime(slot.start, zone)} {zoneAbbreviation(slot.start, zone)}
                    {entry.practitionerId === null ? ` · ${practitionerName(slot.practitionerId)}` : ''}
                  </Button>
                ))}
              </Group>
            </div>
          ))}
        </Stack>
        <FormError message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={submitting}>
            Cancel
          </Button>
          <Button
            onClick={() => void offer()}
            loading={submitting}
            disabled={chosen === undefined}
            leftSection={<IconCalendarPlus size={18} aria-hidden />}
          >
            {chosen === undefined ? 'Offer this time' : `Offer ${timeWithZone(chosen.start, zone)}`}
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}

function RemoveDialog({
  entry,
  onClose,
  onRemoved,
}: {
  entry: WaitlistEntryView;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { submit, submitting, formError } = useSubmit();
  const remove = () =>
    submit(async () => {
      await requestJson(`${WAITLIST_URL}/${encodeURIComponent(entry.id)}`, undefined, { method: 'DELETE' });
      onRemoved();
    });
  return (
    <Dialog opened onClose={onClose} title={`Remove ${entry.patientName} from the waitlist?`} size="sm">
      <Stack gap="sm">
        <Text size="sm">
          {entry.offer?.status === 'offered'
            ? 'The time offered to them is released as well.'
            : 'They will not be offered freed times any more.'}
        </Text>
        <FormError message={formError} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={submitting}>
            Keep
          </Button>
          <Button color="red" onClick={() => void remove()} loading={submitting}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Dialog>
  );
}
