// Where sign-in will live. Accounts arrive with the identity feature; until then
// this page says so plainly instead of showing a form that cannot work.
import { Link } from 'react-router';
import { Alert, Button, Card, Center, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { LogoMark } from '../shell/logo-mark.tsx';
import { usePageTitle } from './page-header.tsx';

export function SignInPage() {
  usePageTitle('Sign in');
  return (
    <Center py={{ base: 'md', sm: 48 }}>
      <Card withBorder radius="lg" padding="xl" shadow="sm" maw={520} w="100%">
        <Stack gap="lg">
          <Group gap="sm">
            <LogoMark size={40} />
            <Title order={1} fz={28}>
              Sign in
            </Title>
          </Group>
          <Alert
            variant="light"
            color="puncta"
            radius="md"
            icon={<IconInfoCircle aria-hidden />}
            title="Accounts are on their way"
          >
            Signing in arrives with patient and staff accounts in the next release of the portal.
          </Alert>
          <Stack gap="xs">
            <Text fw={600}>Once it is here:</Text>
            <List spacing="xs">
              <List.Item>Patients sign in with their email address to see their plan, visits and aftercare.</List.Item>
              <List.Item>The clinic team signs in to the calendar, patient records and reviews.</List.Item>
              <List.Item>
                In the demo, the logins printed by <code>npm start</code> will work straight away.
              </List.Item>
            </List>
          </Stack>
          <Group gap="sm">
            <Button component={Link} to="/">
              Back to the portal
            </Button>
            <Button component="a" href="/" variant="default">
              Clinic website
            </Button>
          </Group>
        </Stack>
      </Card>
    </Center>
  );
}
