// A patient's home: a greeting, what is coming up (nothing yet, for a new
// account) and the next steps most people take, in the order they take them.
import { Link } from 'react-router';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconCalendarEvent,
  IconCalendarOff,
  IconClipboardHeart,
  IconFirstAidKit,
  type IconProps,
} from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import { useClinic } from '../api/clinic.tsx';
import { useSignedInSession } from '../auth/session-context.tsx';
import { usePageTitle } from './page-header.tsx';

export function PortalHomePage() {
  const session = useSignedInSession();
  const clinic = useClinic();
  usePageTitle('Home');
  const firstName = session.user.displayName.trim().split(/\s+/)[0] ?? session.user.displayName;

  return (
    <Stack gap="xl">
      <Card radius="lg" padding="xl" bg="puncta.7" c="white">
        <Stack gap="sm" maw={680}>
          <Text fw={700} tt="uppercase" size="xs" style={{ letterSpacing: '0.08em', opacity: 0.85 }}>
            {session.clinic.name}
          </Text>
          <Title order={1} fz={{ base: 26, sm: 34 }} c="white">
            Welcome, {firstName}
          </Title>
          <Text size="lg" style={{ opacity: 0.92 }}>
            This is your space for your micro-needling: your plan, your visits and your aftercare. Start with a short
            questionnaire or a consultation with a practitioner.
          </Text>
          <Group gap="sm" mt="sm">
            <Button component={Link} to="/plan" size="md" color="white" c="puncta.8">
              Plan my treatment
            </Button>
            <Button component={Link} to="/book" size="md" variant="outline" color="white">
              Book a consultation
            </Button>
          </Group>
        </Stack>
      </Card>

      <Card withBorder radius="lg" padding="lg" component="section" aria-labelledby="upcoming-heading">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon size={44} radius="xl" variant="light" color="gray">
            <IconCalendarOff size={24} stroke={1.6} aria-hidden />
          </ThemeIcon>
          <Stack gap={4}>
            <Title order={2} fz="lg" id="upcoming-heading">
              Your visits
            </Title>
            <Text c="dimmed">
              You have no visits booked yet. Once you book a consultation, the date, time and how to prepare appear
              here.
            </Text>
          </Stack>
        </Group>
      </Card>

      <Stack gap="sm">
        <Title order={2} fz="lg">
          Your next steps
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="lg">
          <NextStep icon={IconClipboardHeart} title="Is it right for me?" to="/plan" action="Plan my treatment">
            Answer questions about your skin and health and get an explained answer, with the reasons behind it.
          </NextStep>
          <NextStep icon={IconCalendarEvent} title="Meet a practitioner" to="/book" action="Book a consultation">
            A consultation covers your skin, health and goals, and ends with a written plan and its full cost.
          </NextStep>
          <NextStep icon={IconFirstAidKit} title="After your session" to="/aftercare" action="Aftercare guide">
            What is normal in the days after treatment, what helps, and when to call the clinic.
          </NextStep>
        </SimpleGrid>
      </Stack>

      <Text size="sm" c="dimmed">
        Questions before you start? Read about <Anchor href="/treatments">treatments and prices</Anchor>
        {clinic?.phone != null && (
          <>
            {' '}
            or call us on <Anchor href={`tel:${clinic.phone.replace(/[^\d+]/g, '')}`}>{clinic.phone}</Anchor>
          </>
        )}
        .
      </Text>
    </Stack>
  );
}

function NextStep({
  icon: Icon,
  title,
  to,
  action,
  children,
}: {
  icon: ComponentType<IconProps>;
  title: string;
  to: string;
  action: string;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="lg" padding="lg" shadow="xs">
      <Stack gap="sm" h="100%">
        <ThemeIcon size={44} radius="xl" variant="light" color="puncta">
          <Icon size={24} stroke={1.6} aria-hidden />
        </ThemeIcon>
        <Title order={3} fz="lg">
          {title}
        </Title>
        <Text c="dimmed" style={{ flexGrow: 1 }}>
          {children}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={to} fw={600}>
            {action}
          </Anchor>
          <IconArrowRight size={16} aria-hidden color="var(--mantine-color-puncta-7)" />
        </Group>
      </Stack>
    </Card>
  );
}
