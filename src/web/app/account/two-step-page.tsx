// /account/two-step: setting up an authenticator app, from account settings or
// straight after joining the clinic team.
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Anchor, Button, Card, Group, List, Stack, Text } from '@mantine/core';
import { useSession, useSignedInSession } from '../auth/session-context.tsx';
import { homePathFor } from '../auth/paths.ts';
import { PageHeader } from '../pages/page-header.tsx';
import { MfaEnrolment } from './mfa-enrolment.tsx';

export function TwoStepPage() {
  const session = useSignedInSession();
  const { reload } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const welcome = params.get('welcome') === '1';
  const [started, setStarted] = useState(false);

  return (
    <>
      <PageHeader
        title={welcome ? `Welcome to the team, ${session.user.displayName}` : 'Two-step sign-in'}
        description={
          welcome
            ? 'One last step: protect your account with a code from your phone each time you sign in.'
            : 'A code from an authenticator app on your phone, asked for at each sign-in.'
        }
      />
      <Card withBorder radius="lg" p={{ base: 'lg', sm: 'xl' }} maw={760}>
        {started ? (
          <MfaEnrolment
            onDone={() => {
              void reload().then(() => navigate(welcome ? homePathFor(session.role) : '/account'));
            }}
            onCancel={() => setStarted(false)}
          />
        ) : (
          <Stack gap="md">
            <Text>Before you start, have your phone at hand. You will:</Text>
            <List spacing="xs">
              <List.Item>scan a QR code with an authenticator app,</List.Item>
              <List.Item>type in the code the app shows, and</List.Item>
              <List.Item>save ten recovery codes for the day you lose your phone.</List.Item>
            </List>
            {session.mfaEnrolled === true && (
              <Text size="sm" c="dimmed">
                Two-step sign-in is already on. Setting it up again replaces your current authenticator and recovery
                codes.
              </Text>
            )}
            <Group gap="sm">
              <Button onClick={() => setStarted(true)}>Start setup</Button>
              {welcome ? (
                <Anchor component={Link} to={homePathFor(session.role)} size="sm">
                  Not now
                </Anchor>
              ) : (
                <Button component={Link} to="/account" variant="default">
                  Back to account settings
                </Button>
              )}
            </Group>
          </Stack>
        )}
      </Card>
    </>
  );
}
