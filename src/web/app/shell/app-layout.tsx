// The frame around every page of the app: header with the clinic's name and
// sign-in, a navigation bar with the patient areas and the clinic team's areas
// (a drawer on phones), and the page itself.
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import {
  Anchor,
  AppShell,
  Badge,
  Box,
  Burger,
  Button,
  Divider,
  Group,
  NavLink,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconLogin } from '@tabler/icons-react';
import { useClinic } from '../api/clinic.tsx';
import { LogoMark } from './logo-mark.tsx';
import { patientAreas, staffAreas, type AppArea } from './navigation.ts';

export function AppLayout() {
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
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={navOpen}
                onClick={toggleNav}
                hiddenFrom="md"
                size="sm"
                aria-label={navOpen ? 'Close navigation' : 'Open navigation'}
                aria-expanded={navOpen}
                aria-controls="app-navigation"
              />
              <ClinicBrand />
            </Group>
            <Group gap="sm" wrap="nowrap">
              <Anchor href="/" size="sm" visibleFrom="sm" c="dimmed">
                Clinic website
              </Anchor>
              <Button
                component={Link}
                to="/sign-in"
                variant="light"
                visibleFrom="sm"
                leftSection={<IconLogin size={18} aria-hidden />}
              >
                Sign in
              </Button>
              {/* Phones: the same link without the icon, so the clinic name keeps its room. */}
              <Button component={Link} to="/sign-in" variant="light" size="sm" px="sm" hiddenFrom="sm">
                Sign in
              </Button>
            </Group>
          </Group>
        </AppShell.Header>

        <AppShell.Navbar
          id="app-navigation"
          aria-label="App"
          className="app-navbar"
          data-closed={navOpen ? undefined : true}
        >
          <AppShell.Section grow component={ScrollArea} px="sm" py="md">
            <NavSection title="Your care" areas={patientAreas} pathname={location.pathname} />
            <Divider my="md" />
            <NavSection
              title="Clinic team"
              badge={
                <Badge size="xs" variant="light" color="gray">
                  Staff
                </Badge>
              }
              areas={staffAreas}
              pathname={location.pathname}
            />
          </AppShell.Section>
          <AppShell.Section p="md" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed">
              Sign-in arrives with accounts in the next release. Until then every area is open, so you can look around.
            </Text>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main" ref={main} tabIndex={-1} style={{ outline: 'none' }}>
          <Box maw={1180} mx="auto">
            <Outlet />
          </Box>
        </AppShell.Main>
      </AppShell>
    </>
  );
}

function ClinicBrand() {
  const clinic = useClinic();
  return (
    <UnstyledButton component={Link} to="/">
      <Group gap={10} wrap="nowrap">
        <LogoMark size={34} />
        <Stack gap={0}>
          <Text fw={700} size="md" lh={1.2} lineClamp={1}>
            {clinic?.name ?? 'Patient portal'}
          </Text>
          <Text size="xs" c="dimmed" lh={1.2}>
            Patient portal
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}

function NavSection({
  title,
  badge,
  areas,
  pathname,
}: {
  title: string;
  badge?: ReactNode;
  areas: readonly AppArea[];
  pathname: string;
}) {
  const headingId = `nav-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Box component="nav" aria-labelledby={headingId}>
      <Group gap="xs" px="sm" mb={6}>
        <Text id={headingId} size="xs" fw={700} c="dimmed" tt="uppercase" style={{ letterSpacing: '0.06em' }}>
          {title}
        </Text>
        {badge}
      </Group>
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
