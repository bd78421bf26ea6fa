// The gate in front of every page that needs an account. While the session
// loads it shows a quiet placeholder; without a session it sends the visitor to
// sign in and brings them back here afterwards.
import { Navigate, Outlet, useLocation } from 'react-router';
import { Button, Center, Loader, Stack, Text, Title } from '@mantine/core';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';
import { signInPath } from './paths.ts';
import { useSession } from './session-context.tsx';

export function RequireSignIn() {
  const { state, reload } = useSession();
  const location = useLocation();

  switch (state.status) {
    case 'loading':
      return (
        <Center mih="100dvh" role="status">
          <Stack align="center" gap="sm">
            <Loader />
            <Text c="dimmed">Loading your portal…</Text>
          </Stack>
        </Center>
      );
    case 'error':
      return (
        <Center mih="100dvh" p="md">
          <main>
            <Stack maw={460} gap="md">
              <Title order={1} fz={26}>
                We cannot reach the clinic’s server
              </Title>
              <FormError message={describeProblem(state.error)} />
              <Button onClick={() => void reload()} w="fit-content">
                Try again
              </Button>
            </Stack>
          </main>
        </Center>
      );
    case 'anonymous':
      return (
        <Navigate
          to={
            state.reason === 'signed_out'
              ? '/sign-in'
              : signInPath(`${location.pathname}${location.search}`, state.reason === 'expired' ? 'expired' : undefined)
          }
          replace
        />
      );
    case 'signed_in':
      return <Outlet />;
  }
}
