// An area that a later release fills. It says what the page will do and what the
// visitor can do meanwhile, so it reads as a plan rather than a dead end.
import { Link } from 'react-router';
import {
  Anchor,
  Badge,
  Button,
  Card,
  Flex,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconArrowRight, IconCheck, IconPhone } from '@tabler/icons-react';
import { useClinic } from '../api/clinic.tsx';
import type { AppArea } from '../shell/navigation.ts';
import { PageHeader } from './page-header.tsx';

export function ComingSoonPage({ area }: { area: AppArea }) {
  return (
    <>
      <PageHeader
        title={area.label}
        description={area.summary}
        badge={
          <Badge variant="light" color="puncta" size="lg" radius="sm">
            Coming soon
          </Badge>
        }
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} shadow="xs">
          <Flex gap="md" align="flex-start" direction={{ base: 'column', sm: 'row' }}>
            <ThemeIcon size={52} radius="xl" variant="light" color="puncta">
              <area.icon size={28} stroke={1.6} aria-hidden />
            </ThemeIcon>
            <Stack gap="sm">
              <Title order={2} fz="lg">
                What you will be able to do here
              </Title>
              <List
                spacing="sm"
                icon={
                  <ThemeIcon size={22} radius="xl" color="puncta" variant="light">
                    <IconCheck size={14} aria-hidden />
                  </ThemeIcon>
                }
              >
                {(area.upcoming ?? []).map((item) => (
                  <List.Item key={item}>{item}</List.Item>
                ))}
              </List>
              <Text size="sm" c="dimmed">
                This part of the portal arrives in an upcoming release.
              </Text>
            </Stack>
          </Flex>
        </Card>
        {area.audience === 'patient' ? <PatientMeanwhile /> : <StaffMeanwhile />}
      </SimpleGrid>
    </>
  );
}

function PatientMeanwhile() {
  const clinic = useClinic();
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} shadow="xs" bg="puncta.0">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          In the meantime
        </Title>
        <Text>
          Our team is happy to help by phone: we can answer questions, check whether micro-needling suits you and book
          your consultation.
        </Text>
        {clinic?.phone != null && (
          <Button
            component="a"
            href={`tel:${clinic.phone.replace(/[^\d+]/g, '')}`}
            leftSection={<IconPhone size={18} aria-hidden />}
            size="md"
            w="fit-content"
          >
            Call {clinic.phone}
          </Button>
        )}
        <Group gap={6} wrap="nowrap">
          <Anchor href="/treatments" fw={600}>
            Read about treatments, prices and safety
          </Anchor>
          <IconArrowRight size={16} aria-hidden color="var(--mantine-color-puncta-7)" />
        </Group>
      </Stack>
    </Card>
  );
}

function StaffMeanwhile() {
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} shadow="xs" bg="puncta.0">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          Already working
        </Title>
        <Text>
          The demo mailbox shows every email Puncta has sent, and the API is documented and can be tried in the browser.
        </Text>
        <Group gap="sm">
          <Button component={Link} to="/staff/mailbox" variant="filled">
            Open the mailbox
          </Button>
          <Button component="a" href="/api/docs" variant="default">
            API documentation
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
