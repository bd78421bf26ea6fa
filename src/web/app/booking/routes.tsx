// The /book and /appointments pages, as app-routes.tsx mounts them. They bring
// the booking contract (and the clinic-zone arithmetic) with them, so they load on
// first visit instead of growing the bundle everyone downloads.
import { lazy } from 'react';
import { LazyPage } from '../shell/lazy-page.tsx';

const Book = lazy(async () => ({ default: (await import('./book-page.tsx')).BookPage }));
const Appointments = lazy(async () => ({ default: (await import('./appointments-page.tsx')).AppointmentsPage }));

export function BookRoute() {
  return (
    <LazyPage>
      <Book />
    </LazyPage>
  );
}

export function AppointmentsRoute() {
  return (
    <LazyPage>
      <Appointments />
    </LazyPage>
  );
}
