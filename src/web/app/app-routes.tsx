// Every page of the app, under the /app basename. Pages for signing in and for
// emailed links are open to everyone; everything else needs a session, and the
// layout shows each role only what it may open.
import { Route, Routes } from 'react-router';
import { AppLayout } from './shell/app-layout.tsx';
import { allAreas } from './shell/navigation.ts';
import { AuthLayout } from './auth/auth-layout.tsx';
import { RequireSignIn } from './auth/require-sign-in.tsx';
import { SignInPage } from './auth/sign-in-page.tsx';
import { SignUpPage } from './auth/sign-up-page.tsx';
import { VerifyEmailPage } from './auth/verify-email-page.tsx';
import { ForgotPasswordPage } from './auth/forgot-password-page.tsx';
import { ResetPasswordPage } from './auth/reset-password-page.tsx';
import { SignInLinkPage } from './auth/sign-in-link-page.tsx';
import { AcceptInvitationPage } from './auth/accept-invitation-page.tsx';
import { SetUpTwoStepPage } from './auth/set-up-two-step-page.tsx';
import { AccountPage } from './account/account-page.tsx';
import { TwoStepPage } from './account/two-step-page.tsx';
import { RecordAccessPage } from './account/record-access-page.tsx';
import { MyPlanArea, MyPlanRoute, PlanDetailRoute } from './assessments/routes.tsx';
import { captureClaimFromAddressBar } from './assessments/pending-claim-store.ts';
import { StaffPage } from './admin/staff-page.tsx';
import { AuditLogPage } from './admin/audit-log-page.tsx';
import { ComingSoonPage } from './pages/coming-soon-page.tsx';
import { PortalHomePage } from './pages/portal-home-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { MailboxPage } from './mailbox/mailbox-page.tsx';
import { ArticleEditorRoute, ArticlesRoute, AuthorProfileRoute } from './editor/routes.tsx';
import { AssessmentDetailRoute, AssessmentQueueRoute, ClinicSettingsRoute } from './staff-assessments/routes.tsx';
import { ModerationRoute } from './moderation/routes.tsx';
import { AppointmentsRoute, BookRoute } from './booking/routes.tsx';
import { CalendarRoute } from './calendar/routes.tsx';
import { WaitlistRoute } from './waitlist/routes.tsx';
import { HoursRoute, ServicesRoute } from './clinic-setup/routes.tsx';

// A plan made on the public site before signing in arrives with its claim token in
// the link's fragment; keep it before a redirect to sign-in drops the fragment.
captureClaimFromAddressBar();

/** Areas with a page of their own; the rest show what is coming. */
const builtAreas = new Set([
  '/',
  '/account',
  '/record-access',
  '/plan',
  '/book',
  '/appointments',
  '/staff/mailbox',
  '/staff/team',
  '/staff/audit',
  '/staff/assessments',
  '/staff/settings',
  '/staff/articles',
  '/staff/comments',
  '/staff/calendar',
  '/staff/waitlist',
  '/staff/hours',
  '/staff/services',
]);

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AuthLayout />}>
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="sign-up" element={<SignUpPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="sign-in-link" element={<SignInLinkPage />} />
        <Route path="accept-invitation" element={<AcceptInvitationPage />} />
        <Route path="set-up-two-step" element={<SetUpTwoStepPage />} />
      </Route>
      <Route element={<RequireSignIn />}>
        <Route element={<AppLayout />}>
          <Route index element={<PortalHomePage />} />
          <Route path="account" element={<AccountPage />} />
          <Route path="account/two-step" element={<TwoStepPage />} />
          <Route path="record-access" element={<RecordAccessPage />} />
          <Route path="plan" element={<MyPlanArea />}>
            <Route index element={<MyPlanRoute />} />
            <Route path=":assessmentId" element={<PlanDetailRoute />} />
          </Route>
          <Route path="book" element={<BookRoute />} />
          <Route path="appointments" element={<AppointmentsRoute />} />
          <Route path="staff/team" element={<StaffPage />} />
          <Route path="staff/audit" element={<AuditLogPage />} />
          <Route path="staff/mailbox" element={<MailboxPage />} />
          <Route path="staff/mailbox/:messageId" element={<MailboxPage />} />
          <Route path="staff/assessments" element={<AssessmentQueueRoute />} />
          <Route path="staff/assessments/:assessmentId" element={<AssessmentDetailRoute />} />
          <Route path="staff/settings" element={<ClinicSettingsRoute />} />
          <Route path="staff/comments" element={<ModerationRoute />} />
          <Route path="staff/calendar" element={<CalendarRoute />} />
          <Route path="staff/waitlist" element={<WaitlistRoute />} />
          <Route path="staff/hours" element={<HoursRoute />} />
          <Route path="staff/services" element={<ServicesRoute />} />
          <Route path="staff/articles" element={<ArticlesRoute />} />
          <Route path="staff/articles/author-profile" element={<AuthorProfileRoute />} />
          <Route path="staff/articles/:articleId" element={<ArticleEditorRoute />} />
          {allAreas
            .filter((area) => !builtAreas.has(area.path))
            .map((area) => (
              <Route key={area.path} path={area.path} element={<ComingSoonPage area={area} />} />
            ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
