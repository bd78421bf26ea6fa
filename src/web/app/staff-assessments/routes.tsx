// The entry points app-routes.tsx mounts. These screens bring the clinical core with
// them (question texts, zones, sources, the policy schema), so they load on first
// visit instead of growing the bundle every patient and front desk download.
import { Component, Suspense, lazy, type ReactNode } from 'react';
import { Button, Skeleton, Stack } from '@mantine/core';
import { FormError } from '../forms/form-parts.tsx';

const QueuePage = lazy(async () => ({ default: (await import('./queue-page.tsx')).AssessmentQueuePage }));
const DetailPage = lazy(async () => ({ default: (await import('./detail-page.tsx')).AssessmentDetailPage }));
const SettingsPage = lazy(async () => ({ default: (await import('./settings-page.tsx')).ClinicSettingsPage }));

export function AssessmentQueueRoute() {
  return (
    <Loaded>
      <QueuePage />
    </Loaded>
  );
}

export function AssessmentDetailRoute() {
  return (
    <Loaded>
      <DetailPage />
    </Loaded>
  );
}

export function ClinicSettingsRoute() {
  return (
    <Loaded>
      <SettingsPage />
    </Loaded>
  );
}

function Loaded({ children }: { children: ReactNode }) {
  return (
    <LoadFailure>
      <Suspense
        fallback={
          <Stack gap="lg" aria-busy="true" aria-label="Loading the page">
            <Skeleton height={36} width="45%" />
            <Skeleton height={240} radius="lg" />
          </Stack>
        }
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

/** A page whose code could not be fetched (say, a new version was deployed meanwhile) offers a reload. */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Stack gap="sm" align="flex-start" maw={620}>
        <FormError
          title="This page could not be opened"
          message="The clinic’s server may have been updated meanwhile. Reload the page to get the latest version."
        />
        <Button variant="default" onClick={() => window.location.reload()}>
          Reload the page
        </Button>
      </Stack>
    );
  }
}
