// The frame around every signed-in page: header with the clinic's name and the
// signed-in person's menu, a navigation bar with only the areas their role may
// open (a drawer on phones), a clinic switcher for people who work in several
// clinics, and the page itself.
import { useEffect, useRef, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import {
  Anchor,
  AppShell,
  Avatar,
  Box,
  Burger,
  Divider,
  Group,
  Menu,
  NativeSelect,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconEye, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { roleLabels, type SessionView } from '../api/identity-contract.ts';
import { useSession, useSignedInSession } from '../auth/session-context.tsx';
import { homePathFor } from '../auth/paths.ts';
import { NoAccessPage } from '../pages/no-access-page.tsx';
import { PendingClaim } from '../assessments/pending-claim.tsx';
import { LogoMark } from './logo-mark.tsx';
import { areaFor, navigationFor, type AppArea } from './navigation.ts';

export function AppLayout() {
  const session = useSignedInSession();
  const [navOpen, { toggle: toggleNav, close: closeNav }] = useDisclosure(false);
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After in-app navigation, move focus to the new page so that screen readers
  // announce it, as a full page load would.
  useEffect(() => {
    closeNav();
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [location.pathname, closeNav]);

  const area = areaFor(location.pathname);
  const staffAtPatientHome = session.role !== 'patient' && area?.path === '/';
  const allowed = area === undefined || area.roles.includes(session.role);

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <AppShell
        header={{ height: 64 }}
        navbar={{ width: 272, breakpoint: 'md', collapsed: { mobile: !navOpen } }}
        padding={{ base: 'md', md: 'xl' }}
        styles={{ main: { background: 'var(--mantine-color-gray-0)' } }}
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <Burger
                opened={navOpen}
                onClick={toggleNav}
                hiddenFrom="md"
                size="sm"
                aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpen}
                aria-controls="app-navigation"
              />
              <ClinicBrand session={session} />
            </Group>
            <Group gap="md" wrap="nowrap">
              <Anchor href="/" size="sm" visibleFrom="sm" c="dimmed">
                Clinic website
              </Anchor>
              <PersonMenu session={session} />
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id="app-navigation"
          aria-label="App"
          className="app-navbar"
          data-closed={navOpen ? undefined : true}
        >
          {session.memberships.length > 1 && (
            <AppShell.Section px="md" pt="md">
              <ClinicSwitcher session={session} />
            </AppShell.Section>
          )}
          <AppShell.Section grow component={ScrollArea} px="sm" py="md">
            {navigationFor(session.role).map((section, index) => (
              <Box key={section.title}>
                {index > 0 && <Divider my="md" />}
                <NavSection title={section.title} areas={section.areas} pathname={location.pathname} />
              </Box>
            ))}
          </AppShell.Section>
          <AppShell.Section p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <SignedInAs session={session} />
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" ref={main} tabIndex={-1} style={{ outline: 'none' }}>
          <Box maw={1180} mx="auto">
            {staffAtPatientHome ? (
              <Navigate to={homePathFor(session.role)} replace />
            ) : allowed ? (
              <>
                {/* A plan made before signing in is saved on whichever page they land; My plan mounts its own. */}
                {session.role === 'patient' && areaFor(location.pathname)?.path !== '/plan' && <PendingClaim />}
                <Outlet />
              </>
            ) : (
              <NoAccessPage area={area} role={session.role} />
            )}
          </Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

function ClinicBrand({ session }: { session: SessionView }) {
  return (
    <UnstyledButton component={Link} to={homePathFor(session.role)} style={{ minWidth: 0 }}>
      <Group gap={10} wrap="nowrap">
        <LogoMark size={34} />
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={700} size="md" lh={1.2} lineClamp={1}>
            {session.clinic.name}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            {session.role === 'patient' ? 'Patient portal' : 'Clinic workspace'}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

function initials(name: string): string {
  const words = name
    .replace(/[^\p{L}\s-]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 0 && !/^(dr|mr|mrs|ms|rn|md)$/i.test(word));
  const letters = words.length > 1 ? [words[0]![0], words.at(-1)![0]] : [words[0]?.[0] ?? '?'];
  return letters.join('').toUpperCase();
}

function PersonMenu({ session }: { session: SessionView }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  const onSignOut = async () => {
    setSigningOut(true);
    try {
      await signOut();
    } catch {
      // Signed out here even if the server did not answer; the session ends on its own.
    } finally {
      setSigningOut(false);
      await navigate('/sign-in', { replace: true });
    }
  };

  return (
    <Menu position="bottom-end" width={260} shadow="md" radius="md">
      <Menu.Target>
        <UnstyledButton className="person-button">
          <Group gap={8} wrap="nowrap">
            <Avatar color="puncta" radius="xl" size={34} aria-hidden>
              {initials(session.user.displayName)}
            </Avatar>
            <Box visibleFrom="sm" style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} lh={1.2} lineClamp={1} maw={180}>
                {session.user.displayName}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {roleLabels[session.role]}
              </Text>
            </Box>
            <span className="visually-hidden">Account menu</span>
            <IconChevronDown size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Box px="sm" py={8}>
          <Text size="sm" fw={600} lineClamp={1}>
            {session.user.displayName}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {session.user.email}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            {roleLabels[session.role]} at {session.clinic.name}
          </Text>
        </Box>
        <Menu.Divider />
        <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={18} aria-hidden />}>
          Account settings
        </Menu.Item>
        {session.role === 'patient' && (
          <Menu.Item component={Link} to="/record-access" leftSection={<IconEye size={18} aria-hidden />}>
            Who saw my record
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={18} aria-hidden />}
          onClick={() => void onSignOut()}
          disabled={signingOut}
        >
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function ClinicSwitcher({ session }: { session: SessionView }) {
  const { switchClinic } = useSession();
  const navigate = useNavigate();
  const [switching, setSwitching] = useState(false);
  const [failed, setFailed] = useState(false);

  return (
    <NativeSelect
      label="Working in"
      description={`As ${roleLabels[session.role].toLowerCase()}`}
      value={session.clinic.id}
      disabled={switching}
      error={failed ? 'Could not switch clinics. Try again.' : undefined}
      data={session.memberships.map((membership) => ({
        value: membership.clinicId,
        label: membership.clinicName,
      }))}
      onChange={(event) => {
        const clinicId = event.currentTarget.value;
        const role = session.memberships.find((membership) => membership.clinicId === clinicId)?.role;
        setSwitching(true);
        setFailed(false);
        switchClinic(clinicId).then(
          () => {
            setSwitching(false);
            if (role !== undefined) void navigate(homePathFor(role));
          },
          () => {
            setSwitching(false);
            setFailed(true);
          },
        );
      }}
    />
  );
}

function SignedInAs({ session }: { session: SessionView }) {
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar color="puncta" radius="xl" size={36}>
        {initials(session.user.displayName)}
      </Avatar>
      <Box style={{ minWidth: 0 }}>
        <Text size="sm" fw={600} lineClamp={1}>
          {session.user.displayName}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={1}>
          {roleLabels[session.role]}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {session.clinic.name}
        </Text>
      </Box>
    </Group>
  );
}

function NavSection({ title, areas, pathname }: { title: string; areas: readonly AppArea[]; pathname: string }) {
  const headingId = `nav-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Box component="nav" aria-labelledby={headingId}>
      <Text
        id={headingId}
        size="xs"
        fw={700}
        c="dimmed"
        tt="uppercase"
        px="sm"
        mb={6}
        style={{ letterSpacing: '0.06em' }}
      >
        {title}
      </Text>
      <Stack gap={2}>
        {areas.map((area) => {
          const active = isActive(area.path, pathname);
          return (
            <NavLink
              key={area.path}
              component={Link}
              to={area.path}
              label={area.label}
              leftSection={<area.icon size={20} stroke={1.6} aria-hidden />}
              active={active}
              aria-current={active ? 'page' : undefined}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
              fw={active ? 600 : 500}
            />
          );
        })}
      </Stack>
    </Box>
  );
}

function isActive(areaPath: string, pathname: string): boolean {
  const path = pathname.replace(/\/$/, '') || '/';
  if (areaPath === '/' || areaPath === '/staff') return path === areaPath;
  return path === areaPath || path.startsWith(`${areaPath}/`);
}
