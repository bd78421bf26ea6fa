// The staff calendar as app-routes.tsx mounts it: it brings the scheduling domain
// (zone arithmetic, conflicts) with it, so it loads on first visit.
import { Suspense, lazy } from 'react';
import { Skeleton, Stack } from '@mantine/core';

const Calendar = lazy(async () => ({ default: (await import('./calendar-page.tsx')).CalendarPage }));

export function CalendarRoute() {
  return (
    <Suspense
      fallback={
        <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the page">
          <Skeleton height={36} width="45%" />
          <Skeleton height={400} radius="lg" />
        </Stack>
      }
    >
      <Calendar />
    </Suspense>
  );
}
