// Account settings: who you are here, your password, two-step sign-in, the
// devices you are signed in on, and (for the clinic team) API tokens.
import { Link } from 'react-router';
import { Badge, Button, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconShieldCheck, IconShieldLock } from '@tabler/icons-react';
import { roleLabels } from '../api/identity-contract.ts';
import { useSignedInSession } from '../auth/session-context.tsx';
import { PageHeader } from '../pages/page-header.tsx';
import { ApiTokensCard } from './api-tokens-card.tsx';
import { CalendarFeedCard } from './calendar-feed-card.tsx';
import { ChangePasswordCard } from './change-password-card.tsx';
import { SessionsCard } from './sessions-card.tsx';
import { SettingsCard } from './settings-card.tsx';

export function AccountPage() {
  const session = useSignedInSession();
  const staff = session.role !== 'patient';
  return (
    <>
      <PageHeader title="Account settings" description="Your sign-in details and the devices you use." />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <SettingsCard title="Your details">
            <dl className="details-list">
              <dt>Name</dt>
              <dd>{session.user.displayName}</dd>
              <dt>Email</dt>
              <dd>
                <Group gap="xs">
                  <span>{session.user.email}</span>
                  {session.user.emailVerified && (
                    <Badge size="sm" variant="light" color="green">
                      Confirmed
                    </Badge>
                  )}
                </Group>
              </dd>
              <dt>Clinic</dt>
              <dd>{session.clinic.name}</dd>
              <dt>Role</dt>
              <dd>{roleLabels[session.role]}</dd>
            </dl>
            {session.memberships.length > 1 && (
              <Text size="sm" c="dimmed" mt="sm">
                You also work in{' '}
                {session.memberships
                  .filter((membership) => membership.clinicId !== session.clinic.id)
                  .map((membership) => membership.clinicName)
                  .join(', ')}
                . Switch clinics from the menu on the left.
              </Text>
            )}
          </SettingsCard>
          <ChangePasswordCard />
        </SimpleGrid>
        {staff && <TwoStepCard enrolled={session.mfaEnrolled} />}
        {(session.role === 'patient' || session.role === 'practitioner') && (
          <CalendarFeedCard audience={session.role} />
        )}
        <SessionsCard />
        {staff && <ApiTokensCard />}
      </Stack>
    </>
  );
}

function TwoStepCard({ enrolled }: { enrolled: boolean | undefined }) {
  return (
    <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }}>
      <Group justify="space-between" align="flex-start" gap="lg">
        <Group gap="md" align="flex-start" wrap="nowrap" style={{ flex: '1 1 320px' }}>
          <ThemeIcon size={44} radius="xl" variant="light" color={enrolled === true ? 'green' : 'puncta'}>
            {enrolled === true ? (
              <IconShieldCheck size={24} stroke={1.6} aria-hidden />
            ) : (
              <IconShieldLock size={24} stroke={1.6} aria-hidden />
            )}
          </ThemeIcon>
          <Stack gap={4}>
            <Group gap="xs">
              <Title order={2} fz="lg">
                Two-step sign-in
              </Title>
              {enrolled === true && (
                <Badge variant="light" color="green">
                  On
                </Badge>
              )}
              {enrolled === false && (
                <Badge variant="light" color="orange">
                  Off
                </Badge>
              )}
            </Group>
            <Text c="dimmed" size="sm" maw={620}>
              Each sign-in asks for a code from an authenticator app on your phone, so a stolen password alone cannot
              open patient records. Clinics require it for the whole team.
            </Text>
          </Stack>
        </Group>
        <Button component={Link} to="/account/two-step" variant={enrolled === true ? 'default' : 'filled'}>
          {enrolled === true ? 'Set up a new phone' : 'Set up two-step sign-in'}
        </Button>
      </Group>
    </Card>
  );
}
