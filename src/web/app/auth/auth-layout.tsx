// The frame of the pages people use before they are signed in: sign in, create
// an account, reset a password, open an emailed link. The clinic's name at the
// top, a short word on what the portal is for beside the form on wide screens,
// and the form itself in a card.
import type { ReactNode } from 'react';
import { Link, Outlet } from 'react-router';
import { Anchor, Box, Button, Card, Group, List, Stack, Text, ThemeIcon, Title, UnstyledButton } from '@mantine/core';
import { IconArrowLeft, IconCalendarEvent, IconClipboardHeart, IconFirstAidKit, IconLock } from '@tabler/icons-react';
import { useClinic } from '../api/clinic.tsx';
import { LogoMark } from '../shell/logo-mark.tsx';
import classes from './auth.module.css';

export function AuthLayout() {
  const clinic = useClinic();
  return (
    <div className={classes.page}>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className={classes.header}>
        <Group justify="space-between" wrap="nowrap" h="100%" px={{ base: 'md', sm: 'xl' }}>
          <UnstyledButton component={Link} to="/sign-in" className={classes.brand}>
            <Group gap={10} wrap="nowrap">
              <LogoMark size={34} />
              <Stack gap={0}>
                <Text fw={700} lh={1.2} lineClamp={1}>
                  {clinic?.name ?? 'Patient portal'}
                </Text>
                <Text size="xs" c="dimmed" lh={1.2}>
                  Patient portal
                </Text>
              </Stack>
            </Group>
          </UnstyledButton>
          <Anchor href="/" size="sm" c="dimmed">
            Clinic website
          </Anchor>
        </Group>
      </header>
      <main id="main" tabIndex={-1} className={classes.main}>
        <div className={classes.columns}>
          <Welcome clinicName={clinic?.name} />
          <Box className={classes.formColumn}>
            <Outlet />
          </Box>
        </div>
      </main>
    </div>
  );
}

function Welcome({ clinicName }: { clinicName: string | undefined }) {
  return (
    <Box className={classes.welcome} visibleFrom="md">
      <svg className={classes.motif} width="120" height="120" viewBox="0 0 120 120" aria-hidden="true">
        {[20, 60, 100].flatMap((cx) =>
          [20, 60, 100].map((cy) => (
            <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r={cx === 60 && cy === 60 ? 11 : 7} fill="#fff" />
          )),
        )}
      </svg>
      <Stack gap="lg" pos="relative">
        <Text fw={700} tt="uppercase" size="xs" className={classes.kicker}>
          {clinicName ?? 'Your clinic'}
        </Text>
        <Title order={2} fz={30} c="white" lh={1.25}>
          Your micro-needling, in one place
        </Title>
        <List spacing="md" center className={classes.points}>
          <Point icon={<IconClipboardHeart size={18} aria-hidden />}>A treatment plan explained in plain words</Point>
          <Point icon={<IconCalendarEvent size={18} aria-hidden />}>Your visits, booked and moved online</Point>
          <Point icon={<IconFirstAidKit size={18} aria-hidden />}>Aftercare for each day of your recovery</Point>
          <Point icon={<IconLock size={18} aria-hidden />}>
            Your record is private: you can see everyone who opened it
          </Point>
        </List>
      </Stack>
    </Box>
  );
}

function Point({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <List.Item
      icon={
        <ThemeIcon size={32} radius="xl" color="white" c="puncta.8" variant="filled">
          {icon}
        </ThemeIcon>
      }
    >
      <Text c="white" size="md">
        {children}
      </Text>
    </List.Item>
  );
}

/** The card every auth page sits in, with its heading. */
export function AuthCard({
  title,
  description,
  icon,
  children,
}: {
  title: string;
  description?: ReactNode;
  icon?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="lg" shadow="sm" p={{ base: 'lg', sm: 32 }} className={classes.card}>
      <Stack gap="lg">
        <Stack gap={6}>
          {icon}
          <Title order={1} fz={{ base: 24, sm: 28 }}>
            {title}
          </Title>
          {description !== undefined && <Text c="dimmed">{description}</Text>}
        </Stack>
        {children}
      </Stack>
    </Card>
  );
}

export function BackToSignIn({ label = 'Back to sign in' }: { label?: string }) {
  return (
    <Button
      component={Link}
      to="/sign-in"
      variant="subtle"
      leftSection={<IconArrowLeft size={16} aria-hidden />}
      px={0}
      w="fit-content"
    >
      {label}
    </Button>
  );
}
