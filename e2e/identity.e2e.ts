// Accounts in the browser, as people use them: a new patient signs up, confirms
// their email from the message that reached the (real, loopback) mail server,
// signs in and finds an empty home; a wrong password gets a clear answer; the
// clinic team signs in and sees only what their role allows; staff set up
// two-step sign-in and then sign in with a code.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  viewports,
} from './support/browser.ts';
import { demoLogins, demoPassword, fillSignInForm, signInByApi, totpCode } from './support/accounts.ts';
import { appLinkIn, mailTo, waitForMail } from './support/mail.ts';

const browser = browserForThisFile();

/** Anonymous visitors ask for their session once; the 401 is how the app learns nobody is signed in. */
const anonymousSessionCheck = (url: string, status: number) => status === 401 && url.endsWith('/api/v1/auth/session');

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** A confirmed patient account, made the way a person makes one: sign-up, then the emailed link. */
async function createPatientAccount(page: Page, email: string, password: string, displayName: string): Promise<void> {
  const request = page.context().request;
  const signup = await request.post('/api/v1/auth/signup', { data: { email, password, displayName } });
  expect(signup.status()).toBe(202);
  const confirmation = await waitForMail(email, /confirm your email/i);
  const token = new URL(appLinkIn(confirmation, 'verify-email'), 'http://x').searchParams.get('token');
  expect((await request.post('/api/v1/auth/verify-email', { data: { token } })).status()).toBe(200);
  // Signed out again: the test is about what comes next.
  await page.context().clearCookies();
}

async function navigationLinks(page: Page, section: string): Promise<string[]> {
  return page.getByRole('navigation', { name: section }).getByRole('link').allTextContents();
}

describe('a new patient', () => {
  test('signs up, confirms their email from the message they received, signs in and sees an empty home', async () => {
    const email = `casey.morgan.${Date.now()}@example.test`;
    const password = 'sunlit harbour lantern 42';
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      // The confirmation link is opened twice on purpose: the second time it is refused.
      expectStatus: (url, status) =>
        anonymousSessionCheck(url, status) || (status === 422 && url.endsWith('/api/v1/auth/verify-email')),
    });
    try {
      await page.goto('/app/sign-in');
      await expectHeading(page, 'Sign in');
      await page.getByRole('link', { name: 'Create an account' }).click();
      await expectHeading(page, 'Create your account');

      // Checks in the browser come first: nothing is sent while a field is wrong.
      await page.getByRole('button', { name: 'Create account' }).click();
      await page.getByText('Enter your name.').waitFor();
      expect(await page.getByLabel('Your name').getAttribute('aria-invalid')).toBe('true');

      await page.getByLabel('Your name').fill('Casey Morgan');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel(/^Password/).fill(password);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-sign-up-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Create account' }).click();

      await expectHeading(page, 'Check your email');
      expect(await page.getByRole('main').textContent()).toContain(email);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-check-email-desktop', { fullPage: false });

      // The confirmation email went through the job queue to the SMTP server.
      const confirmation = await waitForMail(email, /confirm your email/i);
      await page.goto(appLinkIn(confirmation, 'verify-email'));
      await expectHeading(page, 'Your email is confirmed');
      expect(page.url()).not.toContain('token=');
      expect(await page.getByRole('main').textContent()).toContain('Welcome, Casey Morgan');
      await saveScreenshot(page, 'identity-email-confirmed-desktop', { fullPage: false });

      // The link works once.
      await page.goto(appLinkIn(confirmation, 'verify-email'));
      await expectHeading(page, 'This link does not work any more');

      // Sign out, then sign in with the new password.
      await page.goto('/app/');
      await expectHeading(page, 'Welcome, Casey');
      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await expectHeading(page, 'Sign in');

      await fillSignInForm(page, email, password);
      await expectHeading(page, 'Welcome, Casey');
      expect(new URL(page.url()).pathname).toMatch(/^\/app\/?$/);
      await page.getByText('You have no visits booked yet.').waitFor();
      expect(await page.getByRole('banner').textContent()).toContain('Demo Dermatology');
      // A patient sees their own care, never the clinic team's areas.
      expect(await navigationLinks(page, 'Your care')).toContain('Who saw my record');
      expect(await page.getByRole('navigation', { name: 'Clinic team' }).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-patient-home-desktop', { fullPage: false });

      await page.setViewportSize(viewports.phone);
      await page.reload();
      await expectHeading(page, 'Welcome, Casey');
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'identity-patient-home-phone', { fullPage: false });
      await page.setViewportSize(viewports.desktop);

      await page.goto('/app/staff/team');
      await expectHeading(page, 'This page is for the clinic team');

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('signing in', () => {
  test('a wrong password gets a clear error, on a phone', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName: 'phone',
      expectStatus: (url, status) =>
        anonymousSessionCheck(url, status) || (status === 401 && url.endsWith('/api/v1/auth/login')),
    });
    try {
      await page.goto('/app/sign-in');
      await expectHeading(page, 'Sign in');
      await fillSignInForm(page, demoLogins.patientTwo, 'not the right password');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('That email and password do not match');
      expect(await page.getByLabel('Email address').inputValue()).toBe(demoLogins.patientTwo);
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-sign-in-wrong-password-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a page opened without a session asks to sign in and then opens', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: anonymousSessionCheck,
    });
    try {
      await page.goto('/app/aftercare');
      await page.waitForURL('**/app/sign-in?next=%2Faftercare');
      await fillSignInForm(page, demoLogins.patientTwo, demoPassword());
      await page.waitForURL('**/app/aftercare');
      await expectHeading(page, 'Aftercare');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('emailed links', () => {
  test('a patient who forgot their password chooses a new one from the emailed link', async () => {
    const email = `jamie.fox.${Date.now()}@example.test`;
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: anonymousSessionCheck,
    });
    try {
      await createPatientAccount(page, email, 'first garden kettle 9', 'Jamie Fox');

      await page.goto('/app/sign-in');
      await page.getByRole('link', { name: 'Forgot your password?' }).click();
      await expectHeading(page, 'Reset your password');
      await page.getByLabel('Email address').fill(email);
      await page.getByRole('button', { name: 'Send reset link' }).click();
      await expectHeading(page, 'Check your email');

      const reset = await waitForMail(email, /reset your password/i);
      await page.goto(appLinkIn(reset, 'reset-password'));
      await expectHeading(page, 'Choose a new password');
      await page
        .getByLabel(/^New password/)
        .first()
        .fill('second orchard piano 4');
      await page.getByLabel('New password again').fill('second orchard piano 4');
      await page.getByRole('button', { name: 'Save new password' }).click();
      await expectHeading(page, 'Your password is changed');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-password-changed-desktop', { fullPage: false });

      await page.getByRole('link', { name: 'Sign in' }).click();
      await fillSignInForm(page, email, 'second orchard piano 4');
      await expectHeading(page, 'Welcome, Jamie');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a patient signs in with a link from their email instead of a password', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName: 'phone',
      expectStatus: anonymousSessionCheck,
    });
    try {
      const before = (await mailTo(demoLogins.patient)).length;
      await page.goto('/app/sign-in');
      await page.getByRole('link', { name: 'Email me a sign-in link' }).click();
      await expectHeading(page, 'Sign in with an email link');
      await page.getByLabel('Email address').fill(demoLogins.patient);
      await page.getByRole('button', { name: 'Email me a link' }).click();
      await expectHeading(page, 'Check your email');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-sign-in-link-sent-phone', { fullPage: false });

      const link = await waitForMail(demoLogins.patient, /sign-in link/i, { after: before });
      await page.goto(appLinkIn(link, 'sign-in-link'));
      await expectHeading(page, 'Welcome, Sam');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('who saw my record', () => {
  test('a patient sees the practitioner who opened their record', async () => {
    const practitioner = await openPage(browser());
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      // A practitioner opens Riley's record through the API, as the clinical screens will.
      await signInByApi(practitioner.page, demoLogins.practitioner);
      const request = practitioner.page.context().request;
      const { patients } = (await (await request.get('/api/v1/patients')).json()) as {
        patients: { id: string; givenName: string }[];
      };
      const riley = patients.find((patient) => patient.givenName === 'Riley');
      expect((await request.get(`/api/v1/patients/${riley?.id ?? 'missing'}`)).status()).toBe(200);

      await signInByApi(page, demoLogins.patientTwo);
      await page.goto('/app/record-access');
      await expectHeading(page, 'Who saw my record');
      const row = page.getByRole('row', { name: /Dr\. Maya Okafor/ }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain('Viewed your record');
      expect(await row.textContent()).toContain('Practitioner');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-record-access-desktop', { fullPage: false });
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
      await practitioner.close();
    }
  });
});

describe('the clinic team', () => {
  test('front desk sees schedules and patients but no clinical or admin areas', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: anonymousSessionCheck,
    });
    try {
      await page.goto('/app/sign-in');
      await fillSignInForm(page, demoLogins.frontDesk, demoPassword());
      await page.waitForURL('**/app/staff');
      await expectHeading(page, 'Today');
      expect(await navigationLinks(page, 'Clinic team')).toEqual([
        'Today',
        'Calendar',
        'Waitlist',
        'Patients',
        'Mailbox',
      ]);
      expect(await page.getByRole('navigation', { name: 'Administration' }).count()).toBe(0);
      expect(await page.getByRole('navigation', { name: 'Your care' }).count()).toBe(0);
      expect(await page.getByRole('banner').textContent()).toContain('Jordan Lee');
      expect(await page.getByRole('banner').textContent()).toContain('Front desk');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-front-desk-today-desktop', { fullPage: false });

      await page.goto('/app/staff/assessments');
      await expectHeading(page, 'This page is not part of your role');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a clinic admin manages staff and reads the audit log', async () => {
    const inviteeEmail = `robin.diaz.${Date.now()}@example.test`;
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: (url, status) => status === 401 && url.endsWith('/api/v1/staff'),
    });
    try {
      await signInByApi(page, demoLogins.admin);
      await page.goto('/app/staff');
      await expectHeading(page, 'Today');
      expect(await navigationLinks(page, 'Clinic team')).toEqual([
        'Today',
        'Calendar',
        'Waitlist',
        'Hours and time off',
        'Patients',
        'Assessments',
        'Articles',
        'Comments',
        'Mailbox',
        'Reports',
      ]);
      expect(await navigationLinks(page, 'Administration')).toEqual([
        'Staff',
        'Audit log',
        'Clinic settings',
        'Services and rules',
      ]);

      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Staff' }).click();
      await expectHeading(page, 'Staff');
      const frontDeskRow = page.getByRole('row', { name: /Jordan Lee/ });
      await frontDeskRow.waitFor();
      expect(await frontDeskRow.textContent()).toContain('Front desk');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-staff-desktop', { fullPage: false });

      await page.getByRole('button', { name: 'Invite someone' }).click();
      const dialog = page.getByRole('dialog', { name: 'Invite someone to the team' });
      await dialog.getByLabel('Name').fill('Robin Diaz');
      await dialog.getByLabel('Work email').fill(inviteeEmail);
      // Front desk: a new practitioner would also appear on the public About page.
      await dialog.getByLabel('Front desk').check();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-staff-invite-desktop', { fullPage: false });
      await dialog.getByRole('button', { name: 'Send invitation' }).click();
      await page.getByText(/Invitation sent to robin\.diaz/).waitFor();

      // The invitation arrives by email; the new team member accepts it in their own browser.
      const invitation = await waitForMail(inviteeEmail, /invited to join/i);
      const invitee = await openPage(browser(), { viewportName: 'phone', expectStatus: anonymousSessionCheck });
      try {
        await invitee.page.goto(appLinkIn(invitation, 'accept-invitation'));
        await expectHeading(invitee.page, 'Join the clinic team');
        await invitee.page.getByLabel('Your name').fill('Robin Diaz');
        await invitee.page.getByLabel(/^Password/).fill('copper meadow violin 7');
        expect(await accessibilityViolations(invitee.page)).toEqual([]);
        await saveScreenshot(invitee.page, 'identity-accept-invitation-phone', { fullPage: false });
        await invitee.page.getByRole('button', { name: 'Join the team' }).click();
        await expectHeading(invitee.page, 'Welcome to the team, Robin Diaz');
        expect(await invitee.page.getByRole('banner').textContent()).toContain('Front desk');
        expect(invitee.consoleErrors).toEqual([]);
        expect(invitee.failedRequests).toEqual([]);
      } finally {
        await invitee.close();
      }

      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Audit log' }).click();
      await expectHeading(page, 'Audit log');
      await page.getByRole('cell', { name: 'Staff invited' }).first().waitFor();
      await page.getByLabel('Action').selectOption('login');
      await page.getByRole('button', { name: 'Show entries' }).click();
      await page.waitForURL('**/app/staff/audit?action=login');
      await page.getByRole('cell', { name: 'Signed in' }).first().waitFor();
      // The filtered list replaces the full one once it has loaded.
      await expect.poll(() => page.getByRole('cell', { name: 'Staff invited' }).count()).toBe(0);
      const csvLink = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
      expect(csvLink).toBe('/api/v1/audit-events.csv?action=login');
      const csv = await page.context().request.get(csvLink ?? '');
      expect(csv.headers()['content-type']).toContain('text/csv');
      expect((await csv.text()).split('\n').length).toBeGreaterThan(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-audit-log-desktop', { fullPage: false });

      // The session ends (expired, or signed out elsewhere): the next request sends the admin to sign in and back.
      await page.context().clearCookies();
      await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Staff' }).click();
      await page.waitForURL('**/app/sign-in?next=%2Fstaff%2Fteam&reason=expired');
      await page.getByText('For your privacy you were signed out').waitFor();
      await fillSignInForm(page, demoLogins.admin, demoPassword());
      await page.waitForURL('**/app/staff/team');

      // On a phone the staff list becomes a stacked list and the audit table scrolls on its own.
      await page.setViewportSize(viewports.phone);
      await page.getByRole('list', { name: 'Staff' }).getByText('Jordan Lee').waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-staff-phone', { fullPage: false });
      await page.goto('/app/staff/audit');
      await page.getByRole('cell', { name: 'Signed in' }).first().waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'identity-audit-log-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('account settings: a wrong current password, API tokens, and signing out everywhere', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: (url, status) =>
        anonymousSessionCheck(url, status) || (status === 422 && url.endsWith('/api/v1/auth/password')),
    });
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto('/app/account');
      await expectHeading(page, 'Account settings');

      await page.getByLabel(/^Current password/).fill('not my password at all');
      await page
        .getByLabel(/^New password/)
        .first()
        .fill('brand new long password');
      await page.getByLabel(/^New password again/).fill('brand new long password');
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Your current password is not right.').waitFor();
      expect(await page.getByLabel(/^Current password/).getAttribute('aria-invalid')).toBe('true');

      await page.getByRole('button', { name: 'New token' }).click();
      const dialog = page.getByRole('dialog', { name: 'New API token' });
      await dialog.getByLabel(/^Name/).fill('Weekly report script');
      await dialog.getByRole('button', { name: 'Create token' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const shown = page.getByRole('status').filter({ hasText: 'Weekly report script' });
      await shown.waitFor();
      expect(await shown.textContent()).toMatch(/pnc_/);
      const tokens = page.getByRole('list', { name: 'API tokens' });
      await tokens.getByText('Weekly report script').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await shown.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'identity-api-token-created-desktop', { fullPage: false });

      await tokens.getByRole('button', { name: 'Revoke' }).click();
      await page
        .getByRole('dialog', { name: 'Revoke this token?' })
        .getByRole('button', { name: 'Revoke token' })
        .click();
      await page.getByText('You have no API tokens.').waitFor();

      await page.getByRole('button', { name: 'Sign out everywhere' }).click();
      await page
        .getByRole('dialog', { name: 'Sign out everywhere?' })
        .getByRole('button', { name: 'Sign out everywhere' })
        .click();
      await expectHeading(page, 'Sign in');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('someone who works in two clinics can switch between them', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.frontDesk);
      // The demo has one clinic; a second membership is added to the session view the app receives.
      await page.route('**/api/v1/auth/session', async (route) => {
        const response = await route.fetch();
        const session = (await response.json()) as { memberships: unknown[] };
        session.memberships.push({
          clinicId: '00000000-0000-4000-8000-000000000002',
          clinicName: 'Demo Dermatology Brooklyn',
          role: 'practitioner',
        });
        await route.fulfill({ response, json: session });
      });
      await page.goto('/app/staff');
      const switcher = page.getByLabel('Working in');
      await switcher.waitFor();
      expect(await switcher.locator('option').allTextContents()).toEqual([
        'Demo Dermatology',
        'Demo Dermatology Brooklyn',
      ]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-clinic-switcher-desktop', { fullPage: false });
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a practitioner sets up two-step sign-in, then signs in with a recovery code', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: (url, status) =>
        anonymousSessionCheck(url, status) || (status === 401 && url.endsWith('/api/v1/auth/login')),
    });
    try {
      await signInByApi(page, demoLogins.practitionerTwo);
      await page.goto('/app/account');
      await expectHeading(page, 'Account settings');
      await page.getByRole('listitem').filter({ hasText: 'This device' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-account-desktop', { fullPage: false });

      await page.getByRole('link', { name: 'Set up two-step sign-in' }).click();
      await page.getByRole('button', { name: 'Start setup' }).click();
      await page.getByRole('img', { name: /QR code/ }).waitFor();
      // The key for typing in by hand, shown in groups of four.
      const secret = (await page.getByText(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/).textContent()) ?? '';
      await page.getByLabel('Code from your app').fill(totpCode(secret));
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-two-step-setup-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();

      const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
      await codes.first().waitFor();
      const recoveryCodes = await codes.allTextContents();
      expect(recoveryCodes).toHaveLength(10);
      await saveScreenshot(page, 'identity-recovery-codes-desktop', { fullPage: false });
      await page.getByLabel('I have saved my recovery codes').check();
      await page.getByRole('button', { name: 'Continue' }).click();
      await expectHeading(page, 'Account settings');

      await page.getByRole('button', { name: /Account menu/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await expectHeading(page, 'Sign in');
      await fillSignInForm(page, demoLogins.practitionerTwo, demoPassword());
      await expectHeading(page, 'Enter your sign-in code');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'identity-sign-in-code-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Use a recovery code' }).click();
      await page.getByLabel('Recovery code').fill(recoveryCodes[0]!);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL('**/app/staff');
      await expectHeading(page, 'Today');

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
