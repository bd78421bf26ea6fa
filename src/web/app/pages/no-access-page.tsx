// A page the signed-in person's role does not include. The server refuses the
// data anyway; this says so in words instead of showing an empty or broken page.
import { Link } from 'react-router';
import { Button, Card, Group, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { roleLabels, type Role } from '../api/identity-contract.ts';
import { homePathFor } from '../auth/paths.ts';
import type { AppArea } from '../shell/navigation.ts';
import { usePageTitle } from './page-header.tsx';

export function NoAccessPage({ area, role }: { area: AppArea | undefined; role: Role }) {
  usePageTitle('Not available');
  const forStaff = area?.audience === 'staff';
  return (
    <Card withBorder radius="lg" padding="xl" maw={620}>
      <Stack gap="md">
        <ThemeIcon size={52} radius="xl" variant="light" color="gray">
          <IconLock size={28} stroke={1.6} aria-hidden />
        </ThemeIcon>
        <Title order={1} fz={28}>
          {role === 'patient' && forStaff ? 'This page is for the clinic team' : 'This page is not part of your role'}
        </Title>
        <Text c="dimmed">
          {role === 'patient'
            ? 'Your own plan, visits and messages are in your portal.'
            : `${area?.label ?? 'This page'} is not available to ${roleLabels[role].toLowerCase()} accounts. If you need it for your work, ask your clinic admin.`}
        </Text>
        <Group>
          <Button component={Link} to={homePathFor(role)}>
            {role === 'patient' ? 'Go to my home page' : 'Go to Today'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
