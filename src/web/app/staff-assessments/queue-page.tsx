// The practitioner's queue: self-assessments from the website and the patient
// portal, the ones waiting for a sign-off first. The view lives in the address
// (?show=reviewed), so a filtered list can be bookmarked and Back returns to it.
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  Box,
  Card,
  Group,
  SegmentedControl,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronRight, IconClipboardCheck } from '@tabler/icons-react';
import { useResource } from '../api/fetch-json.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { LoadFailed } from '../pages/load-states.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { QUEUE_LIMIT, assessmentListSchema, queueUrl, type AssessmentSummary, type QueueFilter } from './api.ts';
import { DecisionBadge, ReviewStatusBadge } from './parts.tsx';
import { DECISION_WORDS, areaList, concernList } from './words.ts';

const FILTERS: { value: QueueFilter; label: string }[] = [
  { value: 'waiting', label: 'Waiting for review' },
  { value: 'reviewed', label: 'Reviewed' },
  { value: 'all', label: 'All' },
];

function filterFrom(value: string | null): QueueFilter {
  return value === 'reviewed' || value === 'all' ? value : 'waiting';
}

export function patientLabel(patient: AssessmentSummary['patient']): string {
  return patient === null ? 'Anonymous (not yet linked)' : `${patient.givenName} ${patient.familyName}`;
}

export function AssessmentQueuePage() {
  const [params, setParams] = useSearchParams();
  const filter = filterFrom(params.get('show'));
  const list = useResource(queueUrl(filter), assessmentListSchema);

  const choose = (next: string) => {
    const search = new URLSearchParams(params);
    if (next === 'waiting') search.delete('show');
    else search.set('show', next);
    setParams(search, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="Assessments"
        description="Self-assessments from the clinic’s website and patient portal. The screener’s answer is decision support: a practitioner checks each one and signs it off."
      />
      <Stack gap="md">
        <SegmentedControl
          aria-label="Which assessments to show"
          value={filter}
          onChange={choose}
          data={FILTERS}
          radius="md"
          style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
        />
        {list.status === 'loading' && <QueueSkeleton />}
        {list.status === 'error' && (
          <LoadFailed title="We could not load the assessments" error={list.error} onRetry={list.reload} />
        )}
        {list.status === 'ready' && list.data.assessments.length === 0 && <EmptyQueue filter={filter} />}
        {list.status === 'ready' && list.data.assessments.length > 0 && (
          <QueueList assessments={list.data.assessments} filter={filter} />
        )}
      </Stack>
    </>
  );
}

function countText(count: number, filter: QueueFilter): string {
  const noun = count === 1 ? 'assessment' : 'assessments';
  const shown = count >= QUEUE_LIMIT ? `The newest ${count} ${noun}` : `${count} ${noun}`;
  switch (filter) {
    case 'waiting':
      return `${shown} waiting for a practitioner’s sign-off, newest first.`;
    case 'reviewed':
      return `${shown} signed off, newest first.`;
    case 'all':
      return `${shown}, newest first.`;
  }
}

function QueueList({ assessments, filter }: { assessments: AssessmentSummary[]; filter: QueueFilter }) {
  const formatDate = useDateTimeFormat();
  const navigate = useNavigate();
  const pathOf = (assessment: AssessmentSummary) => `/staff/assessments/${encodeURIComponent(assessment.id)}`;
  const stateOf = (assessment: AssessmentSummary) => ({ patientName: patientLabel(assessment.patient) });

  return (
    <Card withBorder radius="lg" p={0}>
      <Box px="lg" py="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
        <Text size="sm" c="dimmed">
          {countText(assessments.length, filter)}
        </Text>
      </Box>
      <Box visibleFrom="md">
        <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Submitted</Table.Th>
              <Table.Th>Patient</Table.Th>
              <Table.Th>Concerns and areas</Table.Th>
              <Table.Th>Screener’s answer</Table.Th>
              <Table.Th>Review</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {assessments.map((assessment) => (
              <Table.Tr
                key={assessment.id}
                style={{ cursor: 'pointer' }}
                // The link in the row is the way in for keyboards and screen readers;
                // a click anywhere on the row is a convenience for the mouse.
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest('a') !== null) return;
                  void navigate(pathOf(assessment), { state: stateOf(assessment) });
                }}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm">{formatDate(assessment.createdAt)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text
                    component={Link}
                    to={pathOf(assessment)}
                    state={stateOf(assessment)}
                    size="sm"
                    fw={600}
                    c={assessment.patient === null ? 'dimmed' : undefined}
                    td="underline"
                  >
                    {patientLabel(assessment.patient)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{concernList(assessment.concerns)}</Text>
                  <Text size="xs" c="dimmed">
                    {areaList(assessment.areas)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <DecisionBadge decision={assessment.overallDecision} />
                </Table.Td>
                <Table.Td>
                  <ReviewCell assessment={assessment} formatDate={formatDate} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
      <Box hiddenFrom="md" component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Assessments">
        {assessments.map((assessment) => (
          <Box component="li" key={assessment.id} style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <UnstyledButton
              component={Link}
              to={pathOf(assessment)}
              state={stateOf(assessment)}
              px="md"
              py="sm"
              w="100%"
              display="block"
            >
              <Group justify="space-between" wrap="nowrap" align="center" gap="sm">
                <Stack gap={6} style={{ minWidth: 0 }}>
                  <Text fw={600} size="sm" c={assessment.patient === null ? 'dimmed' : undefined}>
                    {patientLabel(assessment.patient)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(assessment.createdAt)}
                  </Text>
                  <Text size="sm">
                    {concernList(assessment.concerns)}
                    <Text span size="xs" c="dimmed">
                      {' · '}
                      {areaList(assessment.areas)}
                    </Text>
                  </Text>
                  <Group gap={6}>
                    <DecisionBadge decision={assessment.overallDecision} size="sm" />
                    <ReviewStatusBadge status={assessment.reviewStatus} />
                  </Group>
                </Stack>
                <IconChevronRight size={18} aria-hidden style={{ flex: 'none' }} />
              </Group>
            </UnstyledButton>
          </Box>
        ))}
      </Box>
    </Card>
  );
}

function ReviewCell({
  assessment,
  formatDate,
}: {
  assessment: AssessmentSummary;
  formatDate: (iso: string) => string;
}) {
  const latest = assessment.latestReview;
  if (latest === null) return <ReviewStatusBadge status="pending" />;
  const changed = latest.decision !== assessment.overallDecision;
  return (
    <Stack gap={2}>
      <ReviewStatusBadge status="signed_off" />
      <Text size="xs" c="dimmed">
        {latest.reviewerName}, {formatDate(latest.reviewedAt)}
      </Text>
      {changed && <Text size="xs">Changed to: {DECISION_WORDS[latest.decision].label}</Text>}
    </Stack>
  );
}

function EmptyQueue({ filter }: { filter: QueueFilter }) {
  const text =
    filter === 'waiting'
      ? 'Nothing is waiting for review. New self-assessments appear here as soon as they are submitted.'
      : filter === 'reviewed'
        ? 'No assessment has been signed off yet.'
        : 'No one has submitted a self-assessment yet.';
  return (
    <Card withBorder radius="lg" padding="xl">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color="puncta">
          <IconClipboardCheck size={24} stroke={1.6} aria-hidden />
        </ThemeIcon>
        <Text>{text}</Text>
      </Group>
    </Card>
  );
}

function QueueSkeleton() {
  return (
    <Card withBorder radius="lg" role="status" aria-busy="true" aria-label="Loading the assessments">
      <Stack gap="lg">
        {[0, 1, 2, 3].map((row) => (
          <Group key={row} justify="space-between">
            <Stack gap={6} w="45%">
              <Skeleton height={14} width="70%" />
              <Skeleton height={10} width="90%" />
            </Stack>
            <Skeleton height={20} width={110} radius="xl" />
          </Group>
        ))}
      </Stack>
    </Card>
  );
}
