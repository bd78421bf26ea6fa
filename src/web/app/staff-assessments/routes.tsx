// The entry points app-routes.tsx mounts. These screens bring the clinical core with
// them (question texts, zones, sources, the policy schema), so they load on first
// visit instead of growing the bundle every patient and front desk download.
import { lazy } from 'react';
import { LazyPage } from '../shell/lazy-page.tsx';

const QueuePage = lazy(async () => ({ default: (await import('./queue-page.tsx')).AssessmentQueuePage }));
const DetailPage = lazy(async () => ({ default: (await import('./detail-page.tsx')).AssessmentDetailPage }));
const SettingsPage = lazy(async () => ({ default: (await import('./settings-page.tsx')).ClinicSettingsPage }));

export function AssessmentQueueRoute() {
  return (
    <LazyPage>
      <QueuePage />
    </LazyPage>
  );
}

export function AssessmentDetailRoute() {
  return (
    <LazyPage>
      <DetailPage />
    </LazyPage>
  );
}

export function ClinicSettingsRoute() {
  return (
    <LazyPage>
      <SettingsPage />
    </LazyPage>
  );
}
