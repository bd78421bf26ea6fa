// The /plan area of the app, as app-routes.tsx mounts it. The area saves a plan
// made before signing in (<PendingClaim>) and then shows the page asked for. The
// pages bring the clinical contract and the source list with them, so they load on
// first visit instead of growing the bundle everyone downloads.
import { Component, Fragment, Suspense, lazy, useCallback, useState, type ReactNode } from 'react';
import { Outlet } from 'react-router';
import { Button, Skeleton, Stack } from '@mantine/core';
import { FormError } from '../forms/form-parts.tsx';
import { PendingClaim } from './pending-claim.tsx';

const ListPage = lazy(async () => ({ default: (await import('./my-plan-page.tsx')).MyPlanPage }));
const DetailPage = lazy(async () => ({ default: (await import('./plan-detail-page.tsx')).PlanDetailPage }));

export function MyPlanArea() {
  const [claims, setClaims] = useState(0);
  const onClaimed = useCallback(() => setClaims((count) => count + 1), []);
  return (
    <>
      <PendingClaim onClaimed={onClaimed} />
      {/* A new key after a claim loads the page again, with the plan that was just saved. */}
      <Fragment key={claims}>
        <Outlet />
      </Fragment>
    </>
  );
}

export function MyPlanRoute() {
  return (
    <Loaded>
      <ListPage />
    </Loaded>
  );
}

export function PlanDetailRoute() {
  return (
    <Loaded>
      <DetailPage />
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
            <Skeleton height={200} radius="lg" />
          </Stack>
        }
      >
        {children}
      </Suspense>
    </LoadFailure>
  );
}

/** A page whose code could not be fetched (a new version was deployed meanwhile, say) offers a reload. */
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
