// An app path that matches no page.
import { Link } from 'react-router';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { usePageTitle } from './page-header.tsx';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <Card withBorder radius="lg" padding="xl" maw={620}>
      <Stack gap="md">
        <Text c="dimmed" fw={600} size="sm">
          Error 404
        </Text>
        <Title order={1} fz={28}>
          This page does not exist
        </Title>
        <Text c="dimmed">
          The link may be mistyped or out of date. Use the menu, or start again from the portal home.
        </Text>
        <Group>
          <Button component={Link} to="/">
            Portal home
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
