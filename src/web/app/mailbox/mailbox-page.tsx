// The demo mailbox: every email Puncta sent or kept, so that staff can read
// sign-up, reminder and aftercare emails while no mail server is configured.
// Two panes on wide screens; on phones the list and the message take turns.
import { Link, useParams } from 'react-router';
import {
  Alert,
  Badge,
  Box,
  Button,
  Card,
  Grid,
  Group,
  Skeleton,
  Stack,
  Tabs,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconInbox, IconMailOpened, IconRefresh } from '@tabler/icons-react';
import { useResource } from '../api/fetch-json.ts';
import { useClinic } from '../api/clinic.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { MAILBOX_URL, mailboxSchema, statusPresentation, type MailboxMessage } from './mailbox-api.ts';
import classes from './mailbox.module.css';

export function MailboxPage() {
  const mailbox = useResource(MAILBOX_URL, mailboxSchema);
  const { messageId } = useParams();

  return (
    <>
      <PageHeader
        title="Demo mailbox"
        description="Every email Puncta writes is kept here while the demo runs, sent or not, so you can read exactly what patients and staff receive."
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={18} aria-hidden />}
            onClick={mailbox.reload}
            loading={mailbox.status === 'loading'}
          >
            Refresh
          </Button>
        }
      />
      {mailbox.status === 'loading' && <MailboxSkeleton />}
      {mailbox.status === 'error' && <MailboxError message={mailbox.error.message} onRetry={mailbox.reload} />}
      {mailbox.status === 'ready' &&
        (mailbox.data.messages.length === 0 ? (
          <EmptyMailbox />
        ) : (
          <MailboxPanes messages={mailbox.data.messages} selectedId={messageId} />
        ))}
    </>
  );
}

function MailboxPanes({ messages, selectedId }: { messages: MailboxMessage[]; selectedId: string | undefined }) {
  const selected = selectedId === undefined ? undefined : messages.find((message) => message.id === selectedId);
  return (
    <Grid gutter="lg" align="flex-start">
      <Grid.Col span={{ base: 12, md: 5 }}>
        {/* On phones the list steps aside while a message is open. */}
        <Box visibleFrom={selectedId === undefined ? undefined : 'md'}>
          <MessageList messages={messages} selectedId={selectedId} />
        </Box>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }}>
        {selectedId === undefined ? (
          <Box visibleFrom="md">
            <Card withBorder radius="lg" padding="xl" className={classes.placeholder}>
              <Stack align="center" gap="xs">
                <ThemeIcon size={56} radius="xl" variant="light" color="gray">
                  <IconMailOpened size={30} stroke={1.5} aria-hidden />
                </ThemeIcon>
                <Text fw={600}>Choose a message to read it</Text>
                <Text size="sm" c="dimmed">
                  {messages.length === 1 ? 'There is 1 message.' : `There are ${messages.length} messages.`}
                </Text>
              </Stack>
            </Card>
          </Box>
        ) : selected === undefined ? (
          <Card withBorder radius="lg" padding="xl">
            <Stack gap="sm">
              <Title order={2} fz="lg">
                This message is no longer here
              </Title>
              <Text c="dimmed">It may have been removed when the demo data was reset.</Text>
              <Button component={Link} to="/staff/mailbox" variant="default" w="fit-content">
                Back to all messages
              </Button>
            </Stack>
          </Card>
        ) : (
          <MessageView message={selected} />
        )}
      </Grid.Col>
    </Grid>
  );
}

function MessageList({ messages, selectedId }: { messages: MailboxMessage[]; selectedId: string | undefined }) {
  const formatDate = useDateFormatter();
  return (
    <Card withBorder radius="lg" padding={0}>
      <nav aria-label="Messages">
        <ul className={classes.list}>
          {messages.map((message) => {
            const status = statusPresentation[message.status];
            const current = message.id === selectedId;
            return (
              <li key={message.id}>
                <UnstyledButton
                  component={Link}
                  to={`/staff/mailbox/${encodeURIComponent(message.id)}`}
                  className={classes.item}
                  data-active={current || undefined}
                  aria-current={current ? 'true' : undefined}
                >
                  <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                    <Text fw={600} lineClamp={1} className={classes.subject}>
                      {message.subject}
                    </Text>
                    <Badge size="sm" variant="light" color={status.color} style={{ flex: 'none' }}>
                      {status.label}
                    </Badge>
                  </Group>
                  <Text size="sm" c="dimmed" lineClamp={1} style={{ wordBreak: 'break-all' }}>
                    To {message.to}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatDate(message.createdAt)}
                  </Text>
                </UnstyledButton>
              </li>
            );
          })}
        </ul>
      </nav>
    </Card>
  );
}

function MessageView({ message }: { message: MailboxMessage }) {
  const formatDate = useDateFormatter();
  const status = statusPresentation[message.status];
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} component="article" aria-labelledby="message-subject">
      <Stack gap="lg">
        <Button
          component={Link}
          to="/staff/mailbox"
          variant="subtle"
          leftSection={<IconArrowLeft size={16} aria-hidden />}
          hiddenFrom="md"
          w="fit-content"
          px={0}
        >
          All messages
        </Button>
        <Title order={2} fz="xl" id="message-subject">
          {message.subject}
        </Title>
        <dl className={classes.meta}>
          <dt>To</dt>
          <dd>{message.to}</dd>
          <dt>Status</dt>
          <dd>
            <Group gap="xs">
              <Badge variant="light" color={status.color}>
                {status.label}
              </Badge>
              <Text size="sm" c="dimmed">
                {status.explanation}
              </Text>
            </Group>
          </dd>
          <dt>Written</dt>
          <dd>{formatDate(message.createdAt)}</dd>
          {message.sentAt !== null && (
            <>
              <dt>Sent</dt>
              <dd>{formatDate(message.sentAt)}</dd>
            </>
          )}
        </dl>
        <Tabs defaultValue="text" keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="text">Plain text</Tabs.Tab>
            {message.html !== null && <Tabs.Tab value="html">As the recipient sees it</Tabs.Tab>}
            {message.attachments.map((attachment, index) => (
              <Tabs.Tab key={`${index}-${attachment.filename}`} value={`attachment-${index}`}>
                Attached: {attachment.filename}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="text" pt="md">
            <pre className={classes.text}>{message.text}</pre>
          </Tabs.Panel>
          {message.attachments.map((attachment, index) => (
            <Tabs.Panel key={`${index}-${attachment.filename}`} value={`attachment-${index}`} pt="md">
              <pre className={classes.text}>{attachment.content}</pre>
            </Tabs.Panel>
          ))}
          {message.html !== null && (
            <Tabs.Panel value="html" pt="md">
              {/* An empty sandbox: the email's HTML can neither run scripts nor reach this page. */}
              <iframe title={`Email: ${message.subject}`} sandbox="" srcDoc={message.html} className={classes.html} />
            </Tabs.Panel>
          )}
        </Tabs>
      </Stack>
    </Card>
  );
}

function EmptyMailbox() {
  return (
    <Card withBorder radius="lg" padding="xl" className={classes.placeholder}>
      <Stack align="center" gap="sm" maw={460} mx="auto" ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color="puncta">
          <IconInbox size={34} stroke={1.5} aria-hidden />
        </ThemeIcon>
        <Title order={2} fz="lg">
          No emails yet
        </Title>
        <Text c="dimmed">
          When Puncta sends an email (a sign-up confirmation, an appointment reminder or an aftercare check-in) a copy
          appears here within moments.
        </Text>
      </Stack>
    </Card>
  );
}

function MailboxError({ message, onRetry }: { message: string; onRetry: () => void }) {
  return (
    <Alert
      color="red"
      variant="light"
      radius="lg"
      icon={<IconAlertTriangle aria-hidden />}
      title="We could not load the mailbox"
      role="alert"
      styles={{ title: { color: 'var(--mantine-color-red-9)' } }}
    >
      <Stack gap="sm" align="flex-start">
        <Text size="sm">{message} Check that the Puncta server is running, then try again.</Text>
        <Button size="xs" color="red.9" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRetry}>
          Try again
        </Button>
      </Stack>
    </Alert>
  );
}

function MailboxSkeleton() {
  return (
    <Grid gutter="lg" role="status" aria-busy="true" aria-label="Loading messages">
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Card withBorder radius="lg">
          <Stack gap="lg">
            {[0, 1, 2].map((row) => (
              <Stack key={row} gap={8}>
                <Skeleton height={14} width="70%" />
                <Skeleton height={10} width="45%" />
              </Stack>
            ))}
          </Stack>
        </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 7 }} visibleFrom="md">
        <Skeleton height={240} radius="lg" />
      </Grid.Col>
    </Grid>
  );
}

/** Dates in the clinic's own time zone when known, so every member of staff reads the same time. */
function useDateFormatter(): (iso: string) => string {
  const clinic = useClinic();
  const format = new Intl.DateTimeFormat('en-US', {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(clinic === undefined ? {} : { timeZone: clinic.timeZone }),
  });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
