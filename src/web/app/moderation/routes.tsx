// The entry point app-routes.tsx mounts: the moderation screen loads on first
// visit, so patients and front desk never download it.
import { Suspense, lazy } from 'react';
import { Skeleton, Stack } from '@mantine/core';

const ModerationPage = lazy(async () => ({ default: (await import('./moderation-page.tsx')).ModerationPage }));

export function ModerationRoute() {
  return (
    <Suspense
      fallback={
        <Stack gap="md" role="status" aria-busy="true" aria-label="Loading comments">
          <Skeleton height={40} width="40%" radius="md" />
          <Skeleton height={160} radius="lg" />
        </Stack>
      }
    >
      <ModerationPage />
    </Suspense>
  );
}
