// The clinic side of self-assessments, as the team uses it: a visitor submits an
// assessment with a contraindication; a practitioner finds it waiting, reads the rule
// that fired and its source, tries to change the answer without a note, adds one,
// signs off and sees it in the history and under Reviewed. A clinic admin changes the
// isotretinoin wait and finds it saved after a reload. Front desk sees neither page.
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  viewports,
} from './support/browser.ts';
import { demoLogins, demoPassword, signInByApi } from './support/accounts.ts';

const browser = browserForThisFile();

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

/** The link to one assessment that is on screen (the table on desktops, the list on phones). */
function assessmentLink(page: Page, id: string) {
  return page.locator(`a[href="/app/staff/assessments/${id}"]`).filter({ visible: true });
}

/** Every health answer on the safe side, except those given; `keloid_tendency` left unanswered. */
function answers(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    pregnant_or_breastfeeding: false,
    isotretinoin: { status: 'never' },
    bleeding_disorder: false,
    anticoagulants: false,
    active_infection_in_area: false,
    cold_sore_history: false,
    skin_cancer_in_area: [],
    immunosuppressed: false,
    diabetes: 'none',
    metal_allergy: 'none',
    anaesthetic_allergy: false,
    active_acne: 'none',
    active_rosacea_flare: false,
    eczema_psoriasis_in_area: 'none',
    sunburn_in_area: false,
    retinoid_last_used: null,
    toxin_in_area_date: null,
    filler_in_area_date: null,
    laser_or_peel_date: null,
    radiotherapy_to_area: false,
    autoimmune_disease: false,
    tattoo_in_area: [],
    cardiac_condition: false,
    moles_or_lesions_in_area: [],
    ...overrides,
  };
}

async function submitAssessment(
  request: APIRequestContext,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await request.post('/api/v1/assessments', { data: body, headers });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** A session through the API that also hands back its CSRF token, for calls that change things. */
async function apiSession(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
  expect(response.status()).toBe(200);
  // The server takes a change only from its own pages: their origin and the session's token.
  return { origin: baseUrl(), 'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken };
}

describe('assessment review', () => {
  test('a practitioner signs off a visitor’s assessment, changing the answer with a note', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      // A visitor, not signed in, who is pregnant and did not answer the keloid question.
      const visitorId = await submitAssessment(page.context().request, {
        birthDate: '1993-06-15',
        fitzpatrick: 4,
        concerns: ['acne_scars'],
        areas: ['cheeks', 'forehead'],
        answers: answers({ pregnant_or_breastfeeding: true, keloid_tendency: undefined }),
      });
      // A signed-in patient's, so the queue also shows a name.
      const patientPage = await openPage(browser());
      try {
        const csrf = await apiSession(patientPage.page.context().request, demoLogins.patientTwo);
        await submitAssessment(
          patientPage.page.context().request,
          {
            birthDate: '1986-09-30',
            fitzpatrick: 2,
            concerns: ['wrinkles'],
            areas: ['forehead', 'periorbital'],
            answers: answers({ keloid_tendency: false }),
          },
          csrf,
        );
      } finally {
        await patientPage.close();
      }

      await signInByApi(page, demoLogins.practitioner);
      await page.goto('/app/staff/assessments');
      await expectHeading(page, 'Assessments');
      expect(await page.getByRole('radio', { name: 'Waiting for review' }).isChecked()).toBe(true);
      const row = page.getByRole('row').filter({ has: assessmentLink(page, visitorId) });
      await row.waitFor();
      expect(await row.textContent()).toContain('Anonymous (not yet linked)');
      expect(await row.textContent()).toContain('Acne scars');
      expect(await row.textContent()).toContain('Not yet (defer)');
      expect(await row.textContent()).toContain('Waiting for review');
      await page.getByRole('row').filter({ hasText: 'Riley Chen' }).first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-assessments-queue-desktop', { fullPage: false });

      await assessmentLink(page, visitorId).click();
      await expectHeading(page, 'Anonymous assessment');
      const rules = page.getByRole('list', { name: 'Rules that fired on the answers' });
      const pregnancy = rules.getByRole('listitem').filter({ hasText: 'pregnancy_or_breastfeeding' });
      await pregnancy.waitFor();
      expect(await pregnancy.textContent()).toContain('not done during pregnancy');
      expect(await pregnancy.textContent()).toContain('Absolute contraindication');
      expect(await pregnancy.getByRole('link', { name: 'SPconsent' }).getAttribute('href')).toMatch(/^https?:\/\//);
      // The unanswered question is highlighted where it is asked, and in the rule that needed it.
      const waiting = page.getByRole('list', { name: 'Rules that fired on unanswered questions' });
      expect(await waiting.getByRole('listitem').filter({ hasText: 'keloid_tendency' }).textContent()).toContain(
        'Not answered: Do cuts or piercings tend to heal with thick, raised scars',
      );
      const questions = page.getByRole('list', { name: 'Health questions and answers' });
      expect(await questions.getByRole('listitem').filter({ hasText: 'keloids' }).textContent()).toContain(
        'Not answered',
      );
      expect(await questions.getByRole('listitem').filter({ hasText: 'pregnant' }).textContent()).toContain('Yes');
      await page.getByText('Age', { exact: true }).waitFor();
      expect(await page.getByRole('heading', { name: 'Depth per zone' }).count()).toBe(1);
      expect(await page.getByText('No sign-off yet.').count()).toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-assessments-detail-desktop', { fullPage: false });

      // Changing the answer needs a note: said before sending, and checked when sending.
      const decision = page.getByLabel('Your decision');
      expect(await decision.inputValue()).toBe('defer');
      await decision.selectOption('not_suitable');
      await page.getByText('A note saying why is required.').waitFor();
      await page.getByRole('button', { name: 'Sign off' }).click();
      const note = page.getByLabel(/^Note/);
      await page.getByText('Say in a note why you change the screener’s answer').waitFor();
      expect(await note.getAttribute('aria-invalid')).toBe('true');
      await note.fill('Seen in clinic: plans a second pregnancy within the year; advised against a course now.');
      await page.getByRole('button', { name: 'Sign off' }).click();
      await page.getByText(/Signed off as Not suitable/).waitFor();
      const history = page.getByRole('list', { name: 'Sign-off history' });
      const entry = history.getByRole('listitem').first();
      expect(await entry.textContent()).toContain('Dr. Maya Okafor');
      expect(await entry.textContent()).toContain('Not suitable');
      expect(await entry.textContent()).toContain('plans a second pregnancy');
      expect(await entry.textContent()).toContain('Current');
      expect(await decision.inputValue()).toBe('defer');
      expect(await note.inputValue()).toBe('');

      // A second sign-off is added; the first stays as it was.
      await page.getByRole('button', { name: 'Sign off' }).click();
      await expect.poll(() => history.getByRole('listitem').count()).toBe(2);
      expect(await history.getByRole('listitem').first().textContent()).toContain('plans a second pregnancy');
      expect(await history.getByRole('listitem').nth(1).textContent()).toContain('Current');
      expect(await history.getByRole('listitem').first().textContent()).not.toContain('Current');
      await history.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'staff-assessments-signed-off-desktop', { fullPage: false });

      // Back in the queue it has left Waiting and sits under Reviewed.
      await page.getByRole('link', { name: 'All assessments' }).click();
      await expectHeading(page, 'Assessments');
      await page.getByRole('row').filter({ hasText: 'Riley Chen' }).first().waitFor();
      expect(await assessmentLink(page, visitorId).count()).toBe(0);
      await page.getByText('Reviewed', { exact: true }).click();
      await page.waitForURL('**/app/staff/assessments?show=reviewed');
      const reviewedRow = page.getByRole('row').filter({ has: assessmentLink(page, visitorId) });
      await reviewedRow.waitFor();
      expect(await reviewedRow.textContent()).toContain('Signed off');
      expect(await reviewedRow.textContent()).toContain('Dr. Maya Okafor');

      // On a phone: the queue becomes a list, the detail one column, nothing scrolls sideways.
      await page.setViewportSize(viewports.phone);
      await page.getByText('All', { exact: true }).click();
      await page.waitForURL('**/app/staff/assessments?show=all');
      await assessmentLink(page, visitorId).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-assessments-queue-phone', { fullPage: false });
      await assessmentLink(page, visitorId).click();
      await expectHeading(page, 'Anonymous assessment');
      await page.getByRole('list', { name: 'Sign-off history' }).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-assessments-detail-phone', { fullPage: false });
      await page.getByRole('link', { name: 'Go to sign-off' }).click();
      await saveScreenshot(page, 'staff-assessments-sign-off-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('clinic settings', () => {
  test('a clinic admin makes the isotretinoin wait longer, and it is still there after a reload', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.admin);
      await page.goto('/app/staff');
      await page
        .getByRole('navigation', { name: 'Administration' })
        .getByRole('link', { name: 'Clinic settings' })
        .click();
      await expectHeading(page, 'Clinic settings');
      const wait = page.getByLabel('Wait after the last isotretinoin dose');
      expect(await wait.inputValue()).toBe('6');
      await page.getByText('Default 6 months. Allowed 6–24 months.').waitFor();
      expect(await page.getByText('audit log', { exact: false }).count()).toBeGreaterThan(0);

      // Shorter than the default is refused before anything is sent.
      await wait.fill('3');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText('Cannot be shorter than the default of 6 months.').waitFor();
      expect(await wait.getAttribute('aria-invalid')).toBe('true');

      // Deeper than the documented default is allowed, with a warning.
      await page.getByLabel('Face', { exact: true }).fill('2');
      await page.getByText(/Deeper than the documented default in face/).waitFor();
      await page.getByLabel('Pinpoint bleeding').check();
      await page.getByText('Less conservative than the documented default.').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('heading', { name: 'Device and depth' }).evaluate((heading) => {
        heading.scrollIntoView({ block: 'start' });
        window.scrollBy(0, -90);
      });
      await saveScreenshot(page, 'staff-settings-warnings-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Undo changes' }).click();
      expect(await page.getByText('Less conservative than the documented default.').count()).toBe(0);

      await wait.fill('12');
      const pending = page.getByRole('list', { name: 'You are changing' });
      expect(await pending.textContent()).toContain('6 months → 12 months');
      expect(await pending.textContent()).toContain('More conservative');
      await page.getByRole('button', { name: 'Save changes' }).click();
      await page.getByText(/^Saved as version \d+$/).waitFor();
      await page.getByRole('heading', { level: 2, name: /^Version \d+$/ }).waitFor();
      expect(await page.getByRole('list', { name: 'What this version changed' }).textContent()).toContain(
        '6 months → 12 months',
      );

      await page.reload();
      await expectHeading(page, 'Clinic settings');
      await page.getByText(/^Changed by .+ on /).waitFor();
      expect(await page.getByLabel('Wait after the last isotretinoin dose').inputValue()).toBe('12');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-settings-desktop', { fullPage: false });

      await page.setViewportSize(viewports.phone);
      await expect.poll(() => hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'staff-settings-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      // Back to the documented default, for the browser tests that come after.
      try {
        const csrf = await apiSession(page.context().request, demoLogins.admin);
        const restored = await page
          .context()
          .request.put('/api/v1/clinic/policy', { data: { isotretinoinWaitMonths: 6 }, headers: csrf });
        expect(restored.status()).toBe(200);
      } finally {
        await close();
      }
    }
  });
});

describe('front desk', () => {
  test('does not see assessments or clinic settings, and is refused at their addresses', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.frontDesk);
      await page.goto('/app/staff');
      await expectHeading(page, 'Today');
      const links = await page.getByRole('navigation', { name: 'Clinic team' }).getByRole('link').allTextContents();
      expect(links).not.toContain('Assessments');
      expect(await page.getByRole('navigation', { name: 'Administration' }).count()).toBe(0);

      await page.goto('/app/staff/assessments');
      await expectHeading(page, 'This page is not part of your role');
      await page.goto('/app/staff/settings');
      await expectHeading(page, 'This page is not part of your role');
      // The server refuses the data too, whatever the page shows.
      expect((await page.context().request.get('/api/v1/assessments')).status()).toBe(403);
      expect((await page.context().request.get('/api/v1/clinic/policy')).status()).toBe(403);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a practitioner may not open clinic settings', async () => {
    const { page, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto('/app/staff/settings');
      await expectHeading(page, 'This page is not part of your role');
      expect((await page.context().request.get('/api/v1/clinic/policy')).status()).toBe(403);
    } finally {
      await close();
    }
  });
});
