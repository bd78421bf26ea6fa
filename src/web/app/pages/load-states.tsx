// What a page shows while its data loads (placeholders in a status region) and after
// the load failed (the problem in words and "Try again"), for pages using useResource.
import type { ReactNode } from 'react';
import { Button, Group, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { ApiError } from '../api/fetch-json.ts';
import { FormError } from '../forms/form-parts.tsx';
import { describeProblem } from '../forms/problem-text.ts';

/** A spinner with what is loading, e.g. "Loading your tokens…". */
export function LoadingLine({ children }: { children: ReactNode }) {
  return (
    <Group gap="sm" role="status">
      <Loader size="sm" />
      <Text c="dimmed">{children}</Text>
    </Group>
  );
}

/** Two placeholders the size of the rows to come. */
export function LoadingPlaceholders({ height, radius }: { height: number; radius: 'md' | 'lg' }) {
  return (
    <Stack gap="md" role="status" aria-busy="true" aria-label="Loading">
      <Skeleton height={height} radius={radius} />
      <Skeleton height={height} radius={radius} />
    </Stack>
  );
}

/** "We could not load …": the problem, and a button that loads again. */
export function LoadFailed({ title, error, onRetry }: { title: string; error: Error; onRetry: () => void }) {
  return (
    <Stack gap="sm" align="flex-start">
      <FormError title={title} message={error instanceof ApiError ? describeProblem(error) : error.message} />
      <Button variant="default" onClick={onRetry}>
        Try again
      </Button>
    </Stack>
  );
}
