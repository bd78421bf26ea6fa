// The heading block every app page starts with, and the document title to match.
import { useEffect, type ReactNode } from 'react';
import { Group, Stack, Text, Title } from '@mantine/core';
import { useClinic } from '../api/clinic.tsx';

/** Sets document.title to "Page · Clinic" so tabs and history read well. */
export function usePageTitle(title: string): void {
  const clinic = useClinic();
  useEffect(() => {
    document.title = `${title} · ${clinic?.name ?? 'Patient portal'}`;
  }, [title, clinic?.name]);
}

export function PageHeader({
  title,
  description,
  badge,
  actions,
}: {
  title: string;
  description?: ReactNode;
  badge?: ReactNode;
  actions?: ReactNode;
}) {
  usePageTitle(title);
  return (
    <Group justify="space-between" align="flex-start" mb="xl" gap="md">
      <Stack gap={6} maw={720}>
        <Group gap="sm" align="center">
          <Title order={1} fz={{ base: 26, sm: 32 }}>
            {title}
          </Title>
          {badge}
        </Group>
        {description !== undefined && (
          <Text c="dimmed" size="lg">
            {description}
          </Text>
        )}
      </Stack>
      {actions}
    </Group>
  );
}
