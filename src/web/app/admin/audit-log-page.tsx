// The audit log for clinic admins: who looked at or changed which record, when,
// from where, and whether it was allowed. Filters live in the address, so a
// filtered view can be bookmarked or shared with a colleague; the CSV export
// takes the same filters.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import {
  Badge,
  Box,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconDownload, IconFilter, IconListSearch } from '@tabler/icons-react';
import { ApiError } from '../api/fetch-json.ts';
import {
  AUDIT_EVENTS_CSV_URL,
  auditApi,
  auditQuery,
  patientsApi,
  staffApi,
  type AuditFilters,
} from '../api/identity-api.ts';
import {
  AUDIT_ACTIONS,
  AUDIT_OUTCOMES,
  roleLabels,
  ROLES,
  type AuditEvent,
  type PatientSummary,
  type StaffMember,
} from '../api/identity-contract.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { actionLabel, outcomePresentation } from './audit-labels.ts';

const PAGE_SIZE = 50;
const FILTER_KEYS = ['patientId', 'userId', 'action', 'from', 'to'] as const;

type PageState =
  | { status: 'loading' }
  | { status: 'ready'; events: AuditEvent[]; nextCursor: string | undefined }
  | { status: 'error'; message: string };

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const cursor = params.get('cursor') ?? undefined;
  // Cursors of the newer pages already seen, so "Newer" can step back through them.
  const [newerCursors, setNewerCursors] = useState<(string | undefined)[]>([]);
  const pageNumber = newerCursors.length + 1;
  const [page, setPage] = useState<PageState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const people = usePeople();
  const formatDate = useDateTimeFormat();

  useEffect(() => {
    const controller = new AbortController();
    setPage({ status: 'loading' });
    auditApi.page(apiFilters(filters), cursor, PAGE_SIZE, controller.signal).then(
      (result) => setPage({ status: 'ready', events: result.events, nextCursor: result.nextCursor ?? undefined }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setPage({
          status: 'error',
          message: error instanceof ApiError ? describeProblem(error) : 'We could not load the audit log.',
        });
      },
    );
    return () => controller.abort();
  }, [filters, cursor, attempt]);

  const applyFilters = (next: AuditFilters) => {
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = next[key];
      if (value !== undefined && value !== '') search.set(key, value);
    }
    setNewerCursors([]);
    setParams(search);
  };

  const showCursor = (nextCursor: string | undefined) => {
    const search = new URLSearchParams(params);
    if (nextCursor === undefined) search.delete('cursor');
    else search.set('cursor', nextCursor);
    setParams(search);
  };
  const older = (nextCursor: string) => {
    setNewerCursors((stack) => [...stack, cursor]);
    showCursor(nextCursor);
  };
  const newer = () => {
    showCursor(newerCursors.at(-1));
    setNewerCursors((stack) => stack.slice(0, -1));
  };

  const csvHref = `${AUDIT_EVENTS_CSV_URL}${auditQuery(apiFilters(filters))}`;

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every time someone opened, changed or exported patient data, signed in, or was refused. Entries can never be edited or removed."
        actions={
          <Button
            component="a"
            href={csvHref}
            download
            variant="default"
            leftSection={<IconDownload size={18} aria-hidden />}
          >
            Export CSV
          </Button>
        }
      />
      <Stack gap="lg">
        <FiltersForm key={filterKey(filters)} filters={filters} people={people} onApply={applyFilters} />
        {page.status === 'loading' && <AuditSkeleton />}
        {page.status === 'error' && (
          <Stack gap="sm" align="flex-start">
            <FormError title="We could not load the audit log" message={page.message} />
            <Button variant="default" onClick={() => setAttempt((count) => count + 1)}>
              Try again
            </Button>
          </Stack>
        )}
        {page.status === 'ready' && page.events.length === 0 && <NoEvents filtered={hasFilters(filters)} />}
        {page.status === 'ready' && page.events.length > 0 && (
          <Card withBorder radius="lg" p={0}>
            <Table.ScrollContainer minWidth={880}>
              <Table verticalSpacing="sm" horizontalSpacing="md" striped highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>When</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Record</Table.Th>
                    <Table.Th>Outcome</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.events.map((event, index) => (
                    <EventRow
                      key={event.id ?? `${event.occurredAt}-${index}`}
                      event={event}
                      people={people}
                      formatDate={formatDate}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group
              justify="space-between"
              px="md"
              py="sm"
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Text size="sm" c="dimmed">
                Page {pageNumber} · {page.events.length} {page.events.length === 1 ? 'entry' : 'entries'}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconChevronLeft size={14} aria-hidden />}
                  disabled={cursor === undefined}
                  onClick={newer}
                >
                  Newer
                </Button>
                <Button
                  variant="default"
                  size="xs"
                  rightSection={<IconChevronRight size={14} aria-hidden />}
                  disabled={page.nextCursor === undefined}
                  onClick={() => page.nextCursor !== undefined && older(page.nextCursor)}
                >
                  Older
                </Button>
              </Group>
            </Group>
          </Card>
        )}
      </Stack>
    </>
  );
}

interface People {
  staff: StaffMember[];
  patients: PatientSummary[];
  userName: (userId: string | null | undefined) => string | undefined;
  patientName: (patientId: string | null | undefined) => string | undefined;
}

/** Staff and patients for the filters, and to put names on ids in the table. */
function usePeople(): People {
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [patients, setPatients] = useState<PatientSummary[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    // Names are a convenience: without them the filters and table still work with ids.
    staffApi.list(controller.signal).then(
      (result) => setStaff(result.staff),
      () => undefined,
    );
    patientsApi.list(controller.signal).then(
      (result) => setPatients(result.patients),
      () => undefined,
    );
    return () => controller.abort();
  }, []);
  return useMemo(() => {
    const users = new Map(staff.map((member) => [member.userId, member.displayName]));
    const names = new Map(patients.map((patient) => [patient.id, `${patient.givenName} ${patient.familyName}`]));
    return {
      staff,
      patients,
      userName: (userId) => (userId == null ? undefined : users.get(userId)),
      patientName: (patientId) => (patientId == null ? undefined : names.get(patientId)),
    };
  }, [staff, patients]);
}

function FiltersForm({
  filters,
  people,
  onApply,
}: {
  filters: AuditFilters;
  people: People;
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState<AuditFilters>(filters);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const set = (key: keyof AuditFilters) => (value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    if (key === 'from' || key === 'to') setRangeError(undefined);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError('The end date is before the start date.');
      return;
    }
    onApply(draft);
  };

  const staffOptions = [
    { value: '', label: 'Anyone' },
    ...people.staff.map((member) => ({ value: member.userId, label: member.displayName })),
  ];
  if (filters.userId && !people.staff.some((member) => member.userId === filters.userId)) {
    staffOptions.push({ value: filters.userId, label: `User ${filters.userId.slice(0, 8)}` });
  }
  const patientOptions = [
    { value: '', label: 'All patients' },
    ...people.patients.map((patient) => ({ value: patient.id, label: `${patient.familyName}, ${patient.givenName}` })),
  ];
  if (filters.patientId && !people.patients.some((patient) => patient.id === filters.patientId)) {
    patientOptions.push({ value: filters.patientId, label: `Patient ${filters.patientId.slice(0, 8)}` });
  }
  const actionOptions = [
    { value: '', label: 'All actions' },
    ...AUDIT_ACTIONS.map((action) => ({ value: action, label: actionLabel(action) })),
  ];

  return (
    <Card withBorder radius="lg" p="lg" component="form" onSubmit={onSubmit} aria-label="Filter the audit log">
      <SimpleGrid cols={{ base: 1, xs: 2, lg: 5 }} spacing="md">
        <NativeSelect
          label="Patient"
          data={patientOptions}
          value={draft.patientId ?? ''}
          onChange={(event) => set('patientId')(event.currentTarget.value)}
        />
        <NativeSelect
          label="Staff member"
          data={staffOptions}
          value={draft.userId ?? ''}
          onChange={(event) => set('userId')(event.currentTarget.value)}
        />
        <NativeSelect
          label="Action"
          data={actionOptions}
          value={draft.action ?? ''}
          onChange={(event) => set('action')(event.currentTarget.value)}
        />
        <TextInput
          label="From"
          type="date"
          value={draft.from ?? ''}
          onChange={(event) => set('from')(event.currentTarget.value)}
        />
        <TextInput
          label="To"
          type="date"
          value={draft.to ?? ''}
          onChange={(event) => set('to')(event.currentTarget.value)}
          error={rangeError}
        />
      </SimpleGrid>
      <Group gap="sm" mt="md">
        <Button type="submit" leftSection={<IconFilter size={16} aria-hidden />}>
          Show entries
        </Button>
        {hasFilters(filters) && (
          <Button variant="subtle" onClick={() => onApply({})}>
            Clear filters
          </Button>
        )}
      </Group>
    </Card>
  );
}

function EventRow({
  event,
  people,
  formatDate,
}: {
  event: AuditEvent;
  people: People;
  formatDate: (iso: string) => string;
}) {
  const who =
    event.actorName ??
    people.userName(event.userId) ??
    (event.userId == null ? 'Not signed in' : `User ${event.userId.slice(0, 8)}`);
  const patient = people.patientName(event.patientId);
  const outcome = (AUDIT_OUTCOMES as readonly string[]).includes(event.outcome)
    ? outcomePresentation[event.outcome as (typeof AUDIT_OUTCOMES)[number]]
    : { label: event.outcome, color: 'gray' };
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatDate(event.occurredAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {who}
        </Text>
        {event.role != null && (
          <Text size="xs" c="dimmed">
            {(ROLES as readonly string[]).includes(event.role)
              ? roleLabels[event.role as (typeof ROLES)[number]]
              : event.role}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{actionLabel(event.action)}</Text>
      </Table.Td>
      <Table.Td>
        {event.resourceType == null && event.patientId == null ? (
          <Text size="sm" c="dimmed">
            —
          </Text>
        ) : (
          <>
            {event.resourceType != null && (
              <Text size="sm">
                {event.resourceType.replaceAll('_', ' ')}
                {event.resourceId != null && (
                  <Text span size="xs" c="dimmed" ff="monospace">
                    {' '}
                    {event.resourceId.slice(0, 8)}
                  </Text>
                )}
              </Text>
            )}
            {event.patientId != null && (
              <Text size="xs" c="dimmed">
                Patient: {patient ?? event.patientId.slice(0, 8)}
              </Text>
            )}
          </>
        )}
      </Table.Td>
      <Table.Td>
        <Badge size="sm" variant="light" color={outcome.color}>
          {outcome.label}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Tooltip
          label={event.userAgent ?? 'Unknown device'}
          multiline
          w={280}
          withArrow
          disabled={event.userAgent == null}
        >
          <Text size="xs" ff="monospace" c="dimmed" tabIndex={event.userAgent == null ? undefined : 0}>
            {event.ip ?? '—'}
          </Text>
        </Tooltip>
        {event.requestId != null && (
          <Text size="xs" c="dimmed">
            Ref.{' '}
            <Text span ff="monospace" size="xs">
              {event.requestId.slice(0, 8)}
            </Text>
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NoEvents({ filtered }: { filtered: boolean }) {
  return (
    <Card withBorder radius="lg" p="xl">
      <Stack align="center" gap="sm" ta="center" maw={480} mx="auto">
        <Box c="puncta.7">
          <IconListSearch size={40} stroke={1.5} aria-hidden />
        </Box>
        <Title order={2} fz="lg">
          {filtered ? 'No entries match these filters' : 'No entries yet'}
        </Title>
        <Text c="dimmed">
          {filtered
            ? 'Try a wider date range or fewer filters.'
            : 'Sign-ins, and every look at or change to patient data, appear here as they happen.'}
        </Text>
      </Stack>
    </Card>
  );
}

function AuditSkeleton() {
  return (
    <Card withBorder radius="lg" role="status" aria-label="Loading entries">
      <Stack gap="md">
        {[0, 1, 2, 3, 4].map((row) => (
          <Skeleton key={row} height={18} />
        ))}
      </Stack>
    </Card>
  );
}

function filtersFrom(params: URLSearchParams): AuditFilters {
  const filters: AuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value !== null && value !== '') filters[key] = value;
  }
  return filters;
}

function filterKey(filters: AuditFilters): string {
  return FILTER_KEYS.map((key) => filters[key] ?? '').join('|');
}

function hasFilters(filters: AuditFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== undefined);
}

/**
 * Dates from the form are whole days; the API takes instants, `to` exclusive.
 * "From" is the start of that day and "to" the start of the day after, in this
 * browser's time zone.
 */
function apiFilters(filters: AuditFilters): AuditFilters {
  const startOfDay = (day: string, addDays = 0) => {
    const date = new Date(`${day}T00:00:00`);
    date.setDate(date.getDate() + addDays);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  };
  return {
    ...filters,
    from: filters.from === undefined ? undefined : startOfDay(filters.from),
    to: filters.to === undefined ? undefined : startOfDay(filters.to, 1),
  };
}
