// The entry points app-routes.tsx mounts for the clinic's calendar set-up: hours and
// time off (practitioners and admins), services and booking rules (admins). They
// load on first visit, so patients and the front desk never download them.
import { lazy } from 'react';
import { LazyPage } from '../shell/lazy-page.tsx';

const Hours = lazy(async () => ({ default: (await import('./hours-page.tsx')).HoursPage }));
const Services = lazy(async () => ({ default: (await import('./services-page.tsx')).ServicesPage }));

export function HoursRoute() {
  return (
    <LazyPage>
      <Hours />
    </LazyPage>
  );
}

export function ServicesRoute() {
  return (
    <LazyPage>
      <Services />
    </LazyPage>
  );
}
