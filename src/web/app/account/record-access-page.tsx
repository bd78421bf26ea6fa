// "Who saw my record": every time someone at the clinic opened, changed or
// exported the patient's record, or tried to and was refused.
import { Badge, Card, Group, Skeleton, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { ACCESS_LOG_URL } from '../api/identity-api.ts';
import { accessLogSchema, roleLabels, ROLES, type AccessLogEvent } from '../api/identity-contract.ts';
import { useResource } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { ApiError } from '../api/fetch-json.ts';
import { useDateTimeFormat } from '../format/dates.ts';
import { PageHeader } from '../pages/page-header.tsx';

const actionText: Record<string, string> = {
  read: 'Viewed your record',
  create: 'Added to your record',
  update: 'Changed your record',
  delete: 'Removed something from your record',
  export: 'Exported your record',
  access_denied: 'Tried to open your record',
};

export function RecordAccessPage() {
  const log = useResource(ACCESS_LOG_URL, accessLogSchema);
  const formatDate = useDateTimeFormat();
  return (
    <>
      <PageHeader
        title="Who saw my record"
        description="Every time someone at the clinic opened or changed your record. Only people involved in your care should appear here."
      />
      {log.status === 'loading' && (
        <Stack gap="sm" role="status" aria-busy="true" aria-label="Loading">
          <Skeleton height={48} radius="md" />
          <Skeleton height={48} radius="md" />
        </Stack>
      )}
      {log.status === 'error' && (
        <FormError
          title="We could not load the list"
          message={log.error instanceof ApiError ? describeProblem(log.error) : log.error.message}
        />
      )}
      {log.status === 'ready' && log.data.events.length === 0 && (
        <Card withBorder radius="lg" p="xl">
          <Stack align="center" gap="sm" ta="center" maw={460} mx="auto">
            <ThemeIcon size={56} radius="xl" variant="light" color="puncta">
              <IconEye size={30} stroke={1.6} aria-hidden />
            </ThemeIcon>
            <Title order={2} fz="lg">
              No one has opened your record yet
            </Title>
            <Text c="dimmed">When someone at the clinic views or changes your record, you will see it here.</Text>
          </Stack>
        </Card>
      )}
      {log.status === 'ready' && log.data.events.length > 0 && (
        <Card withBorder radius="lg" p={0}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="sm" horizontalSpacing="lg" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When</Table.Th>
                  <Table.Th>Who</Table.Th>
                  <Table.Th>What</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {log.data.events.map((event, index) => (
                  <Table.Tr key={`${event.occurredAt}-${index}`}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(event.occurredAt)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {event.actorName ?? 'Someone at the clinic'}
                      </Text>
                      {event.actorRole !== null && (
                        <Text size="xs" c="dimmed">
                          {roleName(event.actorRole)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <What event={event} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </>
  );
}

function What({ event }: { event: AccessLogEvent }) {
  const refused = event.outcome === 'denied' || event.action === 'access_denied';
  return (
    <Group gap="xs">
      <Text size="sm">{actionText[event.action] ?? event.action.replaceAll('_', ' ')}</Text>
      {refused && (
        <Badge size="sm" color="red" variant="light">
          Refused
        </Badge>
      )}
    </Group>
  );
}

function roleName(role: string): string {
  return (ROLES as readonly string[]).includes(role) ? roleLabels[role as (typeof ROLES)[number]] : role;
}
