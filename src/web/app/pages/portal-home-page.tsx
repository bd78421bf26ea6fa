// The portal's front door: the two next steps most visitors come for, and the
// way into everything else.
import { Link } from 'react-router';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconCalendarEvent,
  IconClipboardHeart,
  IconFirstAidKit,
  IconSunHigh,
  type IconProps,
} from '@tabler/icons-react';
import type { ComponentType, ReactNode } from 'react';
import { useClinic } from '../api/clinic.tsx';
import { usePageTitle } from './page-header.tsx';

export function PortalHomePage() {
  const clinic = useClinic();
  usePageTitle('Home');
  return (
    <Stack gap="xl">
      <Card radius="lg" padding="xl" bg="puncta.7" c="white">
        <Stack gap="sm" maw={680}>
          <Text fw={700} tt="uppercase" size="xs" style={{ letterSpacing: '0.08em', opacity: 0.85 }}>
            {clinic?.name ?? 'Your clinic'}
          </Text>
          <Title order={1} fz={{ base: 26, sm: 34 }} c="white">
            Your micro-needling, in one place
          </Title>
          <Text size="lg" style={{ opacity: 0.92 }}>
            Plan your treatment, book your visits and follow your recovery day by day. Start with a short questionnaire
            or a consultation with a practitioner.
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

      <Card withBorder radius="lg" padding="lg">
        <Group justify="space-between" gap="md">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon size={44} radius="xl" variant="light" color="gray">
              <IconSunHigh size={24} stroke={1.6} aria-hidden />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Text fw={600}>Working at the clinic?</Text>
                <Badge size="xs" variant="light" color="gray">
                  Staff
                </Badge>
              </Group>
              <Text size="sm" c="dimmed">
                The team’s workspace: the day’s list, calendar, patients and the demo mailbox.
              </Text>
            </div>
          </Group>
          <Button
            component={Link}
            to="/staff"
            variant="default"
            rightSection={<IconArrowRight size={16} aria-hidden />}
          >
            Go to Today
          </Button>
        </Group>
      </Card>

      <Text size="sm" c="dimmed">
        Looking for prices or the team? Visit the <Anchor href="/treatments">treatments page</Anchor> or{' '}
        <Anchor href="/about">about us</Anchor>.
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
        <Title order={2} fz="lg">
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
