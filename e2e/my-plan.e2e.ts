// "My plan" as a patient meets it: a visitor takes the public assessment, follows
// "Save to my account", signs in, and finds the plan in their account, with the
// practitioner's review once there is one. The claim token travels only in the
// link's fragment and in this browser's storage, and is gone once used.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
} from './support/browser.ts';
import { demoLogins, demoPassword, fillSignInForm, signInByApi } from './support/accounts.ts';
import { appLinkIn, waitForMail } from './support/mail.ts';

const browser = browserForThisFile();

/** Anonymous visitors ask for their session once; the 401 is how the app learns nobody is signed in. */
const anonymousSessionCheck = (url: string, status: number) => status === 401 && url.endsWith('/api/v1/auth/session');

const STORAGE_KEY = 'puncta.pendingAssessmentClaim';

async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text }).waitFor();
}

async function continueTo(page: Page, heading: string | RegExp): Promise<void> {
  await Promise.all([page.waitForURL('**/plan'), page.getByRole('button', { name: /Continue|See my answer/ }).click()]);
  await expect.poll(() => page.locator('h1').textContent()).toMatch(heading);
}

/** The public wizard with a clear candidate: acne scars on the cheeks, every health answer "no". */
async function takeAssessment(page: Page): Promise<void> {
  await page.goto('/plan');
  await page.getByLabel(/Acne scars/).check();
  await continueTo(page, 'Where?');
  await page.locator('#area-cheeks').check();
  await continueTo(page, 'Your skin type');
  await page.getByLabel(/type II$/).check();
  await continueTo(page, 'Your health');
  await page.getByLabel('Your date of birth').fill('1990-06-15');
  const questions = page.locator('fieldset.question');
  for (let index = 0; index < (await questions.count()); index++) {
    const question = questions.nth(index);
    for (const value of ['no', 'none', 'never']) {
      const radio = question.locator(`input[type="radio"][value="${value}"]`);
      if ((await radio.count()) > 0) {
        await radio.first().check();
        break;
      }
    }
  }
  await continueTo(page, 'You can go ahead');
}

/** A practitioner signs the assessment off, through the API, in a browser context of their own. */
async function reviewAs(email: string, assessmentId: string, decision: string): Promise<void> {
  const context = await browser().newContext({ baseURL: baseUrl() });
  try {
    const login = await context.request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
    expect(login.status()).toBe(200);
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const review = await context.request.post(`/api/v1/assessments/${assessmentId}/reviews`, {
      headers: { 'x-csrf-token': csrfToken, origin: new URL(baseUrl()).origin },
      data: { decision },
    });
    expect(review.status(), await review.text()).toBe(201);
  } finally {
    await context.close();
  }
}

/**
 * No sideways scrolling, no axe findings, and screenshots of the window (the app's
 * shell is sized to it): at the top, and scrolled to each of `sections` (headings).
 */
async function checkAppPage(page: Page, screenshot: string, sections: string[] = []): Promise<void> {
  expect(await hasHorizontalScroll(page)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, screenshot, { fullPage: false });
  for (const [index, section] of sections.entries()) {
    const heading = page.locator('main').getByRole('heading', { name: section, exact: true });
    // Below the fixed header.
    await heading.evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 80));
    await saveScreenshot(page, `${screenshot}-${index + 2}`, { fullPage: false });
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

describe('a plan made before signing in', () => {
  test('is saved to the account through "Save to my account" and shows under My plan with its review', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: anonymousSessionCheck,
    });
    try {
      await takeAssessment(page);
      const saveLink = page.getByRole('link', { name: 'Save to my account' }).first();
      const href = (await saveLink.getAttribute('href')) ?? '';
      const match = /^\/app\/sign-up\?assessment=([0-9a-f-]{36})#claim=([A-Za-z0-9_-]{43})$/.exec(href);
      expect(match, href).not.toBeNull();
      const [, assessmentId, token] = match!;

      // Every request the browser makes from here on: the token must never be in one.
      const requestUrls: string[] = [];
      page.on('request', (request) => requestUrls.push(request.url()));

      await saveLink.click();
      await expectHeading(page, 'Create your account');
      await page.getByText('Your plan will be saved to your account once you sign in.').waitFor();
      // The token left the address bar; it waits in this browser only.
      expect(page.url()).not.toContain(token);
      expect(new URL(page.url()).searchParams.get('assessment')).toBe(assessmentId);
      const kept = await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY);
      expect(JSON.parse(kept ?? '{}')).toMatchObject({ assessmentId, claimToken: token });

      // Already has an account: signs in instead, and the note comes along.
      await page.getByRole('link', { name: 'Sign in' }).click();
      await expectHeading(page, 'Sign in');
      await page.getByText('Your plan will be saved to your account once you sign in.').waitFor();
      await fillSignInForm(page, demoLogins.patient, demoPassword());

      // Straight to My plan, where the plan is saved and listed.
      await page.waitForURL('**/app/plan');
      await expectHeading(page, 'My plan');
      await page.getByText('Your plan is saved to your account').waitFor();
      expect(await page.evaluate((key) => window.localStorage.getItem(key), STORAGE_KEY)).toBeNull();
      const card = page.locator('article').filter({ has: page.locator(`a[href="/app/plan/${assessmentId}"]`) });
      await card.waitFor();
      expect(await card.textContent()).toContain('Go ahead');
      expect(await card.textContent()).toContain('Waiting for a practitioner’s review');
      expect(await page.getByRole('link', { name: 'Take the assessment again' }).getAttribute('href')).toBe('/plan');
      await checkAppPage(page, 'my-plan-list-desktop');

      // The plan itself: the answer per area with reasons and sources, the plan, the review status.
      await card.getByRole('link').click();
      await page.waitForURL(`**/app/plan/${assessmentId}`);
      await expectHeading(page, /^Your plan of /);
      const main = page.locator('main');
      await main.getByRole('heading', { name: 'Your answer, area by area' }).waitFor();
      expect(await main.getByTestId('area-answer').allTextContents()).toEqual([
        expect.stringMatching(/^Cheeks\s*Go ahead/),
      ]);
      expect(await main.getByTestId('review-status').textContent()).toBe('Waiting for a practitioner’s review');
      for (const heading of ['Your draft plan', 'Needle depth by area', 'Aftercare, day by day', 'What it may cost']) {
        await main.getByRole('heading', { name: heading }).waitFor();
      }
      expect(await main.locator('dt').allTextContents()).toEqual(
        expect.arrayContaining(['Sessions', 'Weeks apart', 'Downtime after each session']),
      );
      expect(
        await main
          .getByText(/^Cheeks:/)
          .first()
          .textContent(),
      ).toBeDefined();
      await expect.poll(() => main.getByTestId('price-range').textContent()).toMatch(/^\$[\d,]+ to \$[\d,]+$/);
      expect(await main.locator('[id^="source-"]').count()).toBeGreaterThan(0);
      await checkAppPage(page, 'my-plan-detail-desktop', [
        'Your draft plan',
        'Aftercare, day by day',
        'What it may cost',
      ]);

      // A practitioner confirms it; the patient sees who and when.
      await reviewAs(demoLogins.practitioner, assessmentId!, 'proceed');
      await page.reload();
      await expectHeading(page, /^Your plan of /);
      await expect
        .poll(() => page.getByTestId('review-status').textContent())
        .toMatch(/^Reviewed by .+ on [A-Z][a-z]+ \d{1,2}, \d{4}: Go ahead$/);
      await page.getByRole('link', { name: 'All my plans' }).click();
      await expectHeading(page, 'My plan');
      await expect.poll(() => card.textContent()).toMatch(/Reviewed by .+: Go ahead/);

      expect(requestUrls.filter((url) => url.includes(token!))).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('comes along through "Book a consultation" and sign-in too', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: anonymousSessionCheck,
    });
    try {
      const made = await page.context().request.post('/api/v1/assessments', {
        headers: { origin: new URL(baseUrl()).origin },
        data: {
          birthDate: '1988-02-03',
          fitzpatrick: 3,
          concerns: ['wrinkles'],
          areas: ['forehead'],
          answers: { pregnant_or_breastfeeding: false, bleeding_disorder: false, anticoagulants: false },
        },
      });
      expect(made.status()).toBe(201);
      const { id, claimToken } = (await made.json()) as { id: string; claimToken: string };
      // The signed-out visitor is sent to sign in first, which drops the fragment: it was kept before that.
      await page.goto(`/app/book?assessment=${id}#claim=${claimToken}`);
      await expectHeading(page, 'Sign in');
      expect(page.url()).not.toContain(claimToken);
      await page.getByText('Your plan will be saved to your account once you sign in.').waitFor();
      await fillSignInForm(page, demoLogins.patientTwo, demoPassword());
      await page.waitForURL('**/app/book?assessment=*');
      // Saved on the page they land on, before they go looking for it.
      await page.getByText('Your plan is saved to your account').waitFor();
      await page.getByRole('link', { name: 'My plan' }).first().click();
      await page.locator(`a[href="/app/plan/${id}"]`).waitFor();
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('My plan on a phone', () => {
  test('lists the plans and opens one, without sideways scrolling', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName: 'phone' });
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app/plan');
      await expectHeading(page, 'My plan');
      const first = page.locator('article').first();
      await first.waitFor();
      await checkAppPage(page, 'my-plan-list-phone');
      await first.getByRole('link').click();
      await expectHeading(page, /^Your plan of /);
      await page.locator('main').getByRole('heading', { name: 'Sources' }).waitFor();
      await checkAppPage(page, 'my-plan-detail-phone', [
        'Your answer, area by area',
        'Your draft plan',
        'Aftercare, day by day',
        'What it may cost',
        'Sources',
      ]);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('explains an empty list and links to the assessment', async () => {
    const email = `robin.lake.${Date.now()}@example.test`;
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName: 'phone' });
    try {
      const request = page.context().request;
      const signup = await request.post('/api/v1/auth/signup', {
        headers: { origin: new URL(baseUrl()).origin },
        data: { email, password: 'quiet meadow compass 17', displayName: 'Robin Lake' },
      });
      expect(signup.status()).toBe(202);
      const confirmation = await waitForMail(email, /confirm your email/i);
      const token = new URL(appLinkIn(confirmation, 'verify-email'), 'http://x').searchParams.get('token');
      const verified = await request.post('/api/v1/auth/verify-email', {
        headers: { origin: new URL(baseUrl()).origin },
        data: { token },
      });
      expect(verified.status()).toBe(200);
      await page.goto('/app/plan');
      await page.getByRole('heading', { name: 'You have no plan yet' }).waitFor();
      expect(await page.getByRole('link', { name: 'Plan my treatment' }).last().getAttribute('href')).toBe('/plan');
      await checkAppPage(page, 'my-plan-empty-phone');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
