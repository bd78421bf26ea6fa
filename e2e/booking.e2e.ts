// Booking as a patient meets it (issue 6): a consultation from service to
// confirmation, then moved and cancelled under My appointments; a whole treatment
// course of three sessions booked at once; and a time taken by someone else between
// choosing and booking. Times must be on the clinic's clocks and say so. Screenshots
// of each step at 1280 and 390 px go to e2e/screenshots/booking-*.png.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  type ViewportName,
} from './support/browser.ts';
import { demoLogins, demoPassword, signInByApi } from './support/accounts.ts';

const browser = browserForThisFile();

const ZONE_LABEL =
  /^Times are in [A-Za-z ]+ time \([A-Z][A-Za-z0-9+:\- ]*( and [A-Z][A-Za-z0-9+:\- ]*)?\), the clinic’s local time\.$/;

async function expectHeading(page: Page, text: string | RegExp, level = 2): Promise<void> {
  await page.locator('main').getByRole('heading', { level, name: text }).waitFor();
}

/** No sideways scrolling, no axe findings, and a screenshot of the window. */
async function checkStep(page: Page, name: string): Promise<void> {
  expect(await hasHorizontalScroll(page), `${name}: sideways scroll`).toBe(false);
  expect(await accessibilityViolations(page), name).toEqual([]);
  await saveScreenshot(page, name, { fullPage: false });
}

/** The heading of the new step has the keyboard focus. */
async function expectFocusOn(page: Page, heading: string | RegExp): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.textContent ?? ''))
    .toMatch(typeof heading === 'string' ? new RegExp(`^${heading}$`) : heading);
}

/** The free times of the chosen day, as buttons. */
function timeButtons(page: Page) {
  return page.getByRole('list', { name: 'Free times' }).getByRole('button');
}

/** Goes two weeks on (out of the clinic's 24-hour cancellation notice) and opens the first day with times. */
async function chooseDayInWeekThree(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Next weeks' }).click();
  await page.getByRole('group', { name: 'Days' }).waitFor();
  const day = page.getByRole('group', { name: 'Days' }).locator('button:not([disabled])').first();
  await day.click();
  await timeButtons(page).first().waitFor();
}

async function apiContext(email: string) {
  const context = await browser().newContext({ baseURL: baseUrl() });
  const login = await context.request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { context, csrfToken };
}

describe.each<[ViewportName, string]>([
  ['desktop', demoLogins.patient],
  ['phone', demoLogins.patientTwo],
])('a consultation on %s', (viewportName, email) => {
  test('is booked in three steps, seen under My appointments, moved and cancelled', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    const shot = (step: string) => `booking-${step}-${viewportName}`;
    try {
      await signInByApi(page, email);
      const bookingPosts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/bookings') {
          bookingPosts.push(request.headers()['idempotency-key'] ?? '');
        }
      });

      // From the public site's "Book a consultation", with the plan the visitor made.
      await page.goto('/app/book?assessment=3f1d7a52-8a64-4c1e-9f0e-2b7c9d4e6a10');
      await page.getByRole('heading', { level: 1, name: 'Book a consultation' }).waitFor();
      await page.getByTestId('plan-attached').getByText('Your plan will be attached').waitFor();
      const consultation = page.getByRole('button', { name: /Micro-needling consultation/ });
      await consultation.waitFor();
      expect(await consultation.textContent()).toMatch(/Consultation.*\d+ (minutes|hours?)/);
      expect(await consultation.textContent()).toMatch(/\$\d+\.\d{2}/);
      await checkStep(page, shot('1-service'));

      // Step 2: two weeks of days, times on the clinic's clocks, the zone named.
      await consultation.click();
      await expectHeading(page, 'Choose a day and time');
      await expectFocusOn(page, 'Choose a day and time');
      await timeButtons(page).first().waitFor();
      expect(await page.getByTestId('zone-label').textContent()).toMatch(ZONE_LABEL);
      await checkStep(page, shot('2-time'));
      await chooseDayInWeekThree(page);
      const chosenTime = (await timeButtons(page).first().textContent())!.trim();
      expect(chosenTime).toMatch(/^\d{1,2}:\d{2} [AP]M/);
      await page
        .getByRole('heading', { name: /^Free times on / })
        .evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 360));
      await checkStep(page, shot('2-time-week3'));
      await timeButtons(page).first().click();

      // Step 3: the summary, then "Book" (twice, quickly: it books once).
      await expectHeading(page, 'Check and book');
      await expectFocusOn(page, 'Check and book');
      const summary = await page.locator('main dl').textContent();
      expect(summary).toContain('Micro-needling consultation');
      expect(summary).toContain(chosenTime);
      expect(summary).toMatch(/ at \d{1,2}:\d{2} [AP]M [A-Z]/);
      // The time is held for the patient while they check it, until a time on the clinic's clocks.
      expect(await page.getByTestId('hold-note').textContent()).toMatch(
        /Held for you until \d{1,2}:\d{2} [AP]M [A-Z][A-Za-z0-9+:-]* \([A-Za-z ]+ time\)/,
      );
      await checkStep(page, shot('3-confirm'));
      await page.getByRole('button', { name: 'Book', exact: true }).dblclick();

      await expectHeading(page, 'You are booked');
      const bookedTime = (await page.getByTestId('booked-time').textContent())!;
      expect(bookedTime).toContain(chosenTime);
      const icsHref = await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href');
      expect(icsHref).toMatch(/^\/api\/v1\/bookings\/[0-9a-f-]{36}\.ics$/);
      const bookingId = /bookings\/([0-9a-f-]{36})\.ics/.exec(icsHref!)![1]!;
      // At most one POST per click, and every one with the same key.
      expect(new Set(bookingPosts).size).toBe(1);
      expect(bookingPosts[0]).toMatch(/^[0-9a-f-]{36}$/);
      await checkStep(page, shot('4-booked'));

      // My appointments: the visit, on the clinic's clocks, labelled.
      await page.getByRole('link', { name: 'My appointments' }).last().click();
      await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
      const card = page.locator(`article[data-booking-id="${bookingId}"]`);
      await card.waitFor();
      expect(await card.getByTestId('appointment-time').textContent()).toBe(bookedTime);
      expect(await card.textContent()).toContain('Booked');
      expect(await page.getByTestId('zone-label').textContent()).toMatch(ZONE_LABEL);
      const upcomingWithThisId = await page
        .getByRole('list', { name: 'Upcoming appointments' })
        .locator(`a[href="${icsHref}"]`)
        .count();
      expect(upcomingWithThisId).toBe(1);
      await checkStep(page, shot('5-appointments'));

      // Move it: a new time, sent with the version it was read at.
      await card.getByRole('button', { name: /^Move / }).click();
      await expectHeading(page, 'Choose a new time', 3);
      await chooseDayInWeekThree(page);
      const newTime = (await timeButtons(page).nth(1).textContent())!.trim();
      await page
        .getByRole('heading', { name: /^Free times on / })
        .evaluate((element) => window.scrollTo(0, element.getBoundingClientRect().top + window.scrollY - 360));
      await checkStep(page, shot('6-move'));
      await timeButtons(page).nth(1).click();
      await expectHeading(page, 'Move to this time?', 3);
      await card.getByRole('button', { name: 'Move my appointment' }).click();
      await page.getByText(/^Moved: Micro-needling consultation, now /).waitFor();
      const moved = card;
      await expect.poll(async () => moved.getByTestId('appointment-time').textContent()).toContain(newTime);

      // Cancel it, after a confirmation.
      await moved.getByRole('button', { name: /^Cancel / }).click();
      const dialog = page.getByRole('dialog', { name: 'Cancel this appointment?' });
      await dialog.waitFor();
      await checkStep(page, shot('7-cancel-dialog'));
      await dialog.getByRole('button', { name: 'Cancel appointment' }).click();
      await page.getByText(/^Cancelled: Micro-needling consultation, /).waitFor();
      const past = page.getByRole('list', { name: 'Past and cancelled appointments' });
      await past.locator('article').filter({ hasText: 'Cancelled' }).first().waitFor();
      expect(
        await page.getByRole('list', { name: 'Upcoming appointments' }).locator(`a[href="${icsHref}"]`).count(),
      ).toBe(0);
      await checkStep(page, shot('8-cancelled'));

      // The server agrees: the booking is cancelled.
      const answer = await page.context().request.get(`/api/v1/bookings/${bookingId}`);
      expect(((await answer.json()) as { status: string }).status).toBe('cancelled');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe.each<[ViewportName, string]>([
  ['desktop', demoLogins.patientTwo],
  ['phone', demoLogins.patient],
])('a treatment course on %s', (viewportName, email) => {
  test('of three sessions is proposed with their windows and booked all at once', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    const shot = (step: string) => `booking-series-${step}-${viewportName}`;
    try {
      await signInByApi(page, email);
      await page.goto('/app/book');
      await page.getByRole('button', { name: /Micro-needling: face/ }).click();
      await expectHeading(page, 'Choose a day and time');
      await page.getByText('Book the whole course').click();
      await expectHeading(page, 'Plan the whole course');
      expect(await page.getByRole('textbox', { name: 'Sessions' }).inputValue()).toBe('3');
      expect(await page.getByLabel('At least … days apart').inputValue()).toBe('28');
      expect(await page.getByLabel('At most … days apart').inputValue()).toBe('42');
      await checkStep(page, shot('1-course'));

      await page.getByRole('button', { name: 'Propose dates' }).click();
      await expectHeading(page, 'Your proposed dates', 3);
      await expectFocusOn(page, 'Your proposed dates');
      const proposed = page.getByTestId('proposed-session');
      expect(await proposed.count()).toBe(3);
      for (let index = 1; index < 3; index++) {
        expect(await proposed.nth(index).textContent()).toMatch(
          /between [A-Z][a-z]{2} \d{1,2} and [A-Z][a-z]{2} \d{1,2}/,
        );
      }
      expect(await proposed.first().textContent()).toMatch(/ at \d{1,2}:\d{2} [AP]M [A-Z]/);
      expect(await page.getByTestId('zone-label').textContent()).toMatch(/^Times are in [A-Za-z ]+ time \(/);
      await checkStep(page, shot('2-proposal'));

      const seriesPosts: string[] = [];
      page.on('request', (request) => {
        if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/series') {
          seriesPosts.push(request.headers()['idempotency-key'] ?? '');
        }
      });
      await page.getByRole('button', { name: 'Book all 3 sessions' }).click();
      await expectHeading(page, 'Your course is booked');
      expect(await page.getByTestId('booked-session').count()).toBe(3);
      expect(new Set(seriesPosts).size).toBe(1);
      await checkStep(page, shot('3-booked'));

      await page.getByRole('link', { name: 'My appointments' }).last().click();
      await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
      const sessions = page
        .getByRole('list', { name: 'Upcoming appointments' })
        .locator('article')
        .filter({ hasText: /Micro-needling: face, session \d of 3/ });
      await expect.poll(() => sessions.count()).toBe(3);
      expect(await sessions.allTextContents()).toEqual([
        expect.stringContaining('session 1 of 3'),
        expect.stringContaining('session 2 of 3'),
        expect.stringContaining('session 3 of 3'),
      ]);
      await checkStep(page, shot('4-appointments'));
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('a held time', () => {
  test('is released when the patient goes back, so others can book it at once', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    const other = await apiContext(demoLogins.patientTwo);
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app/book');
      await page.getByRole('button', { name: /Micro-needling consultation/ }).click();
      await timeButtons(page).first().waitFor();
      await chooseDayInWeekThree(page);
      const held = page.waitForResponse(
        (response) => response.request().method() === 'POST' && response.url().endsWith('/api/v1/holds'),
      );
      await timeButtons(page).last().click();
      await expectHeading(page, 'Check and book');
      const hold = (await (await held).json()) as { serviceId: string; start: string; practitionerId: string };
      await page.getByTestId('hold-note').waitFor();
      const body = { serviceId: hold.serviceId, start: hold.start, practitionerId: hold.practitionerId };
      const headers = { 'x-csrf-token': other.csrfToken, origin: new URL(baseUrl()).origin };
      // Held: someone else cannot take it.
      const blocked = await other.context.request.post('/api/v1/holds', { headers, data: body });
      expect(blocked.status()).toBe(409);

      const released = page.waitForResponse((response) => response.request().method() === 'DELETE');
      await page.getByRole('button', { name: 'Back', exact: true }).click();
      expect((await released).status()).toBe(204);
      await expectHeading(page, 'Choose a day and time');
      const theirs = await other.context.request.post('/api/v1/bookings', {
        headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
        data: body,
      });
      expect(theirs.status(), await theirs.text()).toBe(201);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await other.context.close();
      await close();
    }
  });
});

describe('a time taken meanwhile', () => {
  test('says so and shows the times that are free now', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      // The confirm step holds the time first: a time taken meanwhile fails there.
      expectStatus: (url, status) => status === 409 && new URL(url).pathname === '/api/v1/holds',
    });
    const other = await apiContext(demoLogins.patientTwo);
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app/book');
      await page.getByRole('button', { name: /Micro-needling consultation/ }).click();
      await timeButtons(page).first().waitFor();
      const availability = page.waitForResponse((response) => response.url().includes('/api/v1/availability'));
      await page.getByRole('button', { name: 'Next weeks' }).click();
      const { slots } = (await (await availability).json()) as {
        slots: { start: string; practitionerId: string }[];
      };
      await page.getByRole('group', { name: 'Days' }).locator('button:not([disabled])').first().click();
      const weeksShown = await page.getByTestId('week-range').textContent();

      // The first time of that day, still on the page: someone else books it first.
      // The page offers one button per start time, for the first practitioner listed at it.
      const earliest = Math.min(...slots.map((slot) => Date.parse(slot.start)));
      const taken = slots.find((slot) => Date.parse(slot.start) === earliest)!;
      const theirs = await other.context.request.post('/api/v1/bookings', {
        headers: {
          'x-csrf-token': other.csrfToken,
          origin: new URL(baseUrl()).origin,
          'idempotency-key': crypto.randomUUID(),
        },
        data: {
          serviceId: new URL((await availability).url()).searchParams.get('serviceId'),
          start: taken.start,
          practitionerId: taken.practitionerId,
        },
      });
      expect(theirs.status(), await theirs.text()).toBe(201);

      await timeButtons(page).first().click();
      await page.getByRole('alert').getByText('Someone just took this time').waitFor();
      await expectHeading(page, 'Choose a day and time');
      // Back on the same two weeks, loaded again: that time is gone from the list.
      await timeButtons(page).first().waitFor();
      expect(await page.getByTestId('week-range').textContent()).toBe(weeksShown);
      expect(await page.getByRole('alert').textContent()).toContain('Someone just took this time');
      await checkStep(page, 'booking-slot-taken-desktop');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await other.context.close();
      await close();
    }
  });
});
