// Every page of the app, under the /app basename.
import { Route, Routes } from 'react-router';
import { AppLayout } from './shell/app-layout.tsx';
import { allAreas } from './shell/navigation.ts';
import { ComingSoonPage } from './pages/coming-soon-page.tsx';
import { PortalHomePage } from './pages/portal-home-page.tsx';
import { SignInPage } from './pages/sign-in-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { MailboxPage } from './mailbox/mailbox-page.tsx';

/** Areas with a page of their own; the rest show what is coming. */
const builtAreas = new Set(['/', '/staff/mailbox']);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<PortalHomePage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="staff/mailbox" element={<MailboxPage />} />
        <Route path="staff/mailbox/:messageId" element={<MailboxPage />} />
        {allAreas
          .filter((area) => !builtAreas.has(area.path))
          .map((area) => (
            <Route key={area.path} path={area.path} element={<ComingSoonPage area={area} />} />
          ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
