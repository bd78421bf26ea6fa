// The staff waitlist as app-routes.tsx mounts it: it brings the zone arithmetic
// with it, so it loads on first visit.
import { Suspense, lazy } from 'react';
import { Skeleton, Stack } from '@mantine/core';

const Waitlist = lazy(async () => ({ default: (await import('./waitlist-page.tsx')).WaitlistPage }));

export function WaitlistRoute() {
  return (
    <Suspense
      fallback={
        <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the page">
          <Skeleton height={36} width="45%" />
          <Skeleton height={300} radius="lg" />
        </Stack>
      }
    >
      <Waitlist />
    </Suspense>
  );
}
