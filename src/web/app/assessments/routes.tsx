// The /plan area of the app, as app-routes.tsx mounts it. The area saves a plan
// made before signing in (<PendingClaim>) and then shows the page asked for. The
// pages bring the clinical contract and the source list with them, so they load on
// first visit instead of growing the bundle everyone downloads.
import { Fragment, lazy, useCallback, useState } from 'react';
import { Outlet } from 'react-router';
import { LazyPage } from '../shell/lazy-page.tsx';
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
    <LazyPage>
      <ListPage />
    </LazyPage>
  );
}

export function PlanDetailRoute() {
  return (
    <LazyPage>
      <DetailPage />
    </LazyPage>
  );
}
