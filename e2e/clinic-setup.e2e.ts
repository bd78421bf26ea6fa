// The clinic's calendar set-up as people use it (issue 6): an admin changes a
// service's buffer and a booking rule and finds both saved after a reload; a
// practitioner adds weekly hours and time off, and the time off shows blocked on
// the staff calendar; front desk blocks time from the calendar and removes it; a
// patient creates a private calendar feed and revokes it (its address then answers
// 404). Each new page gets axe at desktop and phone width, and no sideways scroll.
// What the tests change is put back, since other browser tests share the server.
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  hasHorizontalScroll,
  browserForThisFile,
  openPage,
  saveScreenshot,
  type ViewportName,
} from './support/browser.ts';
import { demoLogins, demoPassword, signInByApi } from './support/accounts.ts';

const browser = browserForThisFile();

const DAY_MS = 86_400_000;

async function csrfHeaders(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
  expect(response.status()).toBe(200);
  return { origin: baseUrl(), 'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** A weekday (Tuesday) `days` or more ahead, as "YYYY-MM-DD" (New York is never a day off UTC at noon). */
function tuesdayAhead(days: number): string {
  const date = new Date(Date.now() + days * DAY_MS);
  date.setUTCHours(12, 0, 0, 0);
  while (date.getUTCDay() !== 2) date.setTime(date.getTime() + DAY_MS);
  return date.toISOString().slice(0, 10);
}

async function checkPage(page: Page, name: string, viewportName: ViewportName): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  if (viewportName === 'phone') expect(await hasHorizontalScroll(page)).toBe(false);
  await saveScreenshot(page, `${name}-${viewportName}`, { fullPage: viewportName === 'phone' });
}

describe('clinic setup', () => {
  test.each(['desktop', 'phone'] as const)('the new pages pass axe and fit a %s screen', async (viewportName) => {
    const admin = await openPage(browser(), { viewportName });
    try {
      await signInByApi(admin.page, demoLogins.admin);
      await admin.page.goto('/app/staff/services');
      await admin.page.getByRole('heading', { level: 1, name: 'Services and booking rules' }).waitFor();
      await admin.page.getByRole('list', { name: 'Services' }).waitFor();
      await admin.page.getByRole('button', { name: 'Save booking rules' }).waitFor();
      await checkPage(admin.page, 'clinic-setup-services', viewportName);
      await admin.page
        .getByRole('button', { name: /^Edit / })
        .first()
        .click();
      await admin.page.getByRole('dialog').getByLabel('Buffer after (minutes)').waitFor();
      expect(await accessibilityViolations(admin.page)).toEqual([]);
      await saveScreenshot(admin.page, `clinic-setup-service-dialog-${viewportName}`, { fullPage: false });
      await admin.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

      await admin.page.goto('/app/staff/hours');
      await admin.page.getByRole('heading', { level: 1, name: 'Hours and time off' }).waitFor();
      await admin.page.getByLabel('Practitioner', { exact: true }).waitFor();
      await admin.page.getByRole('button', { name: 'Save weekly hours' }).waitFor();
      await checkPage(admin.page, 'clinic-setup-hours-admin', viewportName);
      expect(admin.consoleErrors).toEqual([]);
      expect(admin.failedRequests).toEqual([]);
    } finally {
      await admin.close();
    }

    const patient = await openPage(browser(), { viewportName });
    try {
      await signInByApi(patient.page, demoLogins.patient);
      await patient.page.goto('/app/account');
      await patient.page.getByRole('heading', { level: 2, name: 'Calendar feed' }).waitFor();
      await patient.page.getByText(/You have no calendar feeds|Feed 1/).waitFor();
      await checkPage(patient.page, 'clinic-setup-account-feed', viewportName);
      expect(patient.consoleErrors).toEqual([]);
    } finally {
      await patient.close();
    }
  });

  test("an admin changes a service's buffer and a booking rule, and both are saved after a reload", async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      const request = page.context().request;
      const headers = await csrfHeaders(request, demoLogins.admin);
      const services = (
        (await (await request.get('/api/v1/service-settings')).json()) as {
          services: { id: string; name: string; bufferBeforeMinutes: number }[];
        }
      ).services;
      const service = services[0]!;
      const rules = (await (await request.get('/api/v1/booking-rules')).json()) as {
        rules: Record<string, unknown> & { cancelNoticeHours: number };
      };
      const newBuffer = service.bufferBeforeMinutes + 5;
      const newNotice = rules.rules.cancelNoticeHours + 12;

      await page.goto('/app/staff/services');
      const row = page.locator(`[data-service-id="${service.id}"]`);
      await row.getByRole('button', { name: `Edit ${service.name}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Buffer before (minutes)').fill(String(newBuffer));
      await dialog.getByRole('button', { name: 'Save service' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: `“${service.name}” saved.` })
        .waitFor();
      await row.getByText(`${newBuffer} min set-up before`).waitFor();

      await page.getByLabel('Cancellation notice (hours)').fill(String(newNotice));
      await page.getByRole('button', { name: 'Save booking rules' }).click();
      await page.getByRole('status').filter({ hasText: 'Booking rules saved' }).waitFor();

      await page.reload();
      await page.locator(`[data-service-id="${service.id}"]`).getByText(`${newBuffer} min set-up before`).waitFor();
      expect(await page.getByLabel('Cancellation notice (hours)').inputValue()).toBe(String(newNotice));
      await page.getByRole('button', { name: `Edit ${service.name}` }).click();
      expect(await page.getByRole('dialog').getByLabel('Buffer before (minutes)').inputValue()).toBe(String(newBuffer));
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);

      // Put both back for the other browser tests.
      const restoredService = await request.patch(`/api/v1/services/${service.id}`, {
        headers,
        data: { bufferBeforeMinutes: service.bufferBeforeMinutes },
      });
      expect(restoredService.status()).toBe(200);
      const restoredRules = await request.put('/api/v1/booking-rules', { headers, data: rules.rules });
      expect(restoredRules.status()).toBe(200);
    } finally {
      await close();
    }
  });

  test('a practitioner adds hours and time off, and the time off shows blocked on the staff calendar', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewport: { width: 1400, height: 1000 },
    });
    try {
      const request = page.context().request;
      const headers = await csrfHeaders(request, demoLogins.practitioner);
      const me = (await (await request.get('/api/v1/auth/session')).json()) as { user: { id: string } };
      const before = (await (await request.get(`/api/v1/practitioners/${me.user.id}/working-hours`)).json()) as {
        hours: unknown[];
      };

      await page.goto('/app/staff/hours');
      await page.getByRole('heading', { level: 1, name: 'Hours and time off' }).waitFor();
      await page.getByText(/Times are in the clinic’s time zone: New York time, America\/New_York/).waitFor();
      await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
      await page.getByLabel('Saturday, span 1: start').selectOption('10:00');
      await page.getByLabel('Saturday, span 1: end').selectOption('14:00');
      // An overlapping second span is caught before sending.
      await page.getByRole('button', { name: 'Add hours on Saturday' }).click();
      await page.getByLabel('Saturday, span 2: start').selectOption('13:00');
      await page.getByLabel('Saturday, span 2: end').selectOption('24:00');
      await page.getByRole('button', { name: 'Save weekly hours' }).click();
      await page.getByText('Overlaps 10:00–14:00.').waitFor();
      await page.getByLabel('Saturday, span 2: start').selectOption('15:00');
      await page.getByRole('button', { name: 'Save weekly hours' }).click();
      await page.getByRole('status').filter({ hasText: 'Weekly hours saved' }).waitFor();
      const saved = (await (await request.get(`/api/v1/practitioners/${me.user.id}/working-hours`)).json()) as {
        hours: { weekday: number; startsAt: string; endsAt: string }[];
      };
      expect(saved.hours.filter((span) => span.weekday === 6)).toEqual([
        { weekday: 6, startsAt: '10:00', endsAt: '14:00' },
        { weekday: 6, startsAt: '15:00', endsAt: '24:00' },
      ]);

      // Time off on a Tuesday far beyond the booking window, so no booking is in the way.
      const day = tuesdayAhead(150);
      const nextDay = new Date(Date.parse(`${day}T12:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
      await page.getByLabel('First day').fill(day);
      await page.getByLabel('Last day').fill(nextDay);
      await page.getByLabel('Reason').fill('Conference');
      await page.getByRole('button', { name: 'Add time off' }).click();
      await page.getByRole('status').filter({ hasText: 'Time off added' }).waitFor();
      const list = page.getByRole('list', { name: 'Upcoming time off' });
      await list.getByText('Conference').waitFor();
      await saveScreenshot(page, 'clinic-setup-hours-practitioner', { fullPage: false });

      await page.goto(`/app/staff/calendar?date=${day}`);
      await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
      // In the practitioner's own column.
      const column = page.getByRole('group', { name: 'Dr. Maya Okafor', exact: true });
      await column.locator('[data-block-id]').filter({ hasText: 'Blocked: Conference' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      // Two days off: the second day shows blocked too.
      await page.getByRole('button', { name: 'Next day' }).click();
      await page.getByRole('region', { name: new RegExp(` ${Number(nextDay.slice(8))}, \\d{4}$`) }).waitFor();
      await column.locator('[data-block-id]').filter({ hasText: 'Blocked: Conference' }).waitFor();
      await saveScreenshot(page, 'clinic-setup-calendar-time-off', { fullPage: false });

      // Remove it again from the hours page, and put the week back.
      await page.goto('/app/staff/hours');
      await page.getByRole('button', { name: /^Remove time off: Conference/ }).click();
      await page.getByRole('status').filter({ hasText: 'Time off removed' }).waitFor();
      const restored = await request.put(`/api/v1/practitioners/${me.user.id}/working-hours`, {
        headers,
        data: { hours: before.hours },
      });
      expect(restored.status()).toBe(200);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('front desk blocks time from the calendar and removes the block', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewport: { width: 1400, height: 1000 },
      // The overlapping block below is refused on purpose.
      expectStatus: (url, status) => status === 409 && url.endsWith('/api/v1/time-blocks'),
    });
    try {
      await signInByApi(page, demoLogins.frontDesk);
      const day = tuesdayAhead(160);
      await page.goto(`/app/staff/calendar?date=${day}`);
      await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
      await page.getByRole('button', { name: 'Block time' }).click();
      const dialog = page.getByRole('dialog', { name: 'Block time' });
      await dialog.getByLabel('Start time').selectOption('13:00');
      await dialog.getByLabel('End time').selectOption('14:30');
      await dialog.getByLabel('Reason').fill('Staff meeting');
      await dialog.getByText(/, 1:00 PM to 2:30 PM E[SD]T \(America\/New_York\)/).waitFor();
      await saveScreenshot(page, 'clinic-setup-block-dialog', { fullPage: false });
      await dialog.getByRole('button', { name: 'Block time' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Blocked / })
        .waitFor();
      const block = page.locator('[data-block-id]').filter({ hasText: 'Blocked: Staff meeting' });
      await block.waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'clinic-setup-calendar-block', { fullPage: false });

      // The same time again is refused by the server, and its message is shown.
      await page.getByRole('button', { name: 'Block time' }).click();
      await dialog.getByLabel('Start time').selectOption('14:00');
      await dialog.getByLabel('End time').selectOption('15:00');
      await dialog.getByRole('button', { name: 'Block time' }).click();
      await dialog
        .getByRole('alert')
        .getByText(/overlaps a booking or another block/)
        .waitFor();
      await dialog.getByRole('button', { name: 'Cancel' }).click();

      await block.click();
      const remove = page.getByRole('dialog', { name: 'Blocked time' });
      await remove.getByText('Reason: Staff meeting').waitFor();
      await remove.getByRole('button', { name: 'Remove block' }).click();
      await page.getByRole('status').filter({ hasText: 'Removed the block' }).waitFor();
      await expect.poll(() => block.count()).toBe(0);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a patient creates a calendar feed and revokes it; the revoked address answers 404', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app/account');
      await page.getByRole('heading', { level: 2, name: 'Calendar feed' }).waitFor();
      await page.getByRole('button', { name: 'Create a feed' }).click();
      const address = page.getByTestId('calendar-feed-url');
      await address.waitFor();
      const url = (await address.textContent())!.trim();
      expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      await page.getByRole('button', { name: 'Copy address' }).waitFor();
      await page.getByText('Apple Calendar').waitFor();
      await saveScreenshot(page, 'clinic-setup-feed-created', { fullPage: true });

      const feed = await page.context().request.get(url);
      expect(feed.status()).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');

      const list = page.getByRole('list', { name: 'Calendar feeds' });
      await list
        .getByRole('button', { name: /^Revoke feed/ })
        .last()
        .click();
      await page.getByRole('dialog').getByRole('button', { name: 'Revoke feed' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect.poll(async () => (await page.context().request.get(url)).status()).toBe(404);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
