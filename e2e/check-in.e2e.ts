// The health check-in before a treatment session (issue 6), as a patient meets it
// under My appointments: a clear answer says "All set"; an answer that means "not
// yet" (filler in the area three days before the session) shows the flag with the
// reason and the nearest valid times, and one of them moves the visit. The server
// agrees: the booking is flagged for staff. Screenshots go to
// e2e/screenshots/check-in-*.png.
import type { BrowserContext } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { exampleRequest } from '../src/domain/clinical/examples.ts';
import {
  accessibilityViolations,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  type ViewportName,
} from './support/browser.ts';
import { demoLogins, signInForApiWrites } from './support/accounts.ts';

const DAY_MS = 86_400_000;
const browser = browserForThisFile();

interface Booked {
  id: string;
  start: string;
  version: number;
}

/** A stored self-assessment (the check-in screens against it) and a face treatment `daysAhead` days on. */
async function prepare(
  context: BrowserContext,
  writeHeaders: Record<string, string>,
  daysAhead: number,
): Promise<Booked> {
  const assessment = await context.request.post('/api/v1/assessments', {
    headers: writeHeaders,
    data: exampleRequest(),
  });
  expect(assessment.status(), await assessment.text()).toBe(201);
  const services = (await (await context.request.get('/api/v1/services')).json()) as {
    services: { id: string; name: string }[];
  };
  const faceId = services.services.find((service) => service.name === 'Micro-needling: face')!.id;
  const from = Date.now() + daysAhead * DAY_MS;
  const query = new URLSearchParams({
    serviceId: faceId,
    from: new Date(from).toISOString(),
    to: new Date(from + 7 * DAY_MS).toISOString(),
  });
  const { slots } = (await (await context.request.get(`/api/v1/availability?${query.toString()}`)).json()) as {
    slots: { start: string; practitionerId: string }[];
  };
  expect(slots.length).toBeGreaterThan(0);
  const booked = await context.request.post('/api/v1/bookings', {
    headers: { ...writeHeaders, 'idempotency-key': crypto.randomUUID() },
    data: { serviceId: faceId, start: slots[0]!.start },
  });
  expect(booked.status(), await booked.text()).toBe(201);
  return (await booked.json()) as Booked;
}

describe.each<[ViewportName, string, number]>([
  ['desktop', demoLogins.patient, 24],
  ['phone', demoLogins.patientTwo, 31],
])('the health check-in on %s', (viewportName, email, daysAhead) => {
  test('a "not yet" answer shows the flag and the nearest valid times; a clear one says all set', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    const shot = (step: string) => `check-in-${step}-${viewportName}`;
    try {
      const writeHeaders = await signInForApiWrites(page.context(), email);
      const booking = await prepare(page.context(), writeHeaders, daysAhead);
      // The session's local date (answers are written in the clinic's offset): filler three days before it.
      const fillerDate = new Date(Date.parse(`${booking.start.slice(0, 10)}T12:00:00Z`) - 3 * DAY_MS)
        .toISOString()
        .slice(0, 10);

      await page.goto('/app/appointments');
      await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
      const card = page.locator(`article[data-booking-id="${booking.id}"]`);
      await card.waitFor();
      await card.getByRole('button', { name: /^Health check-in for / }).click();
      const dialog = page.getByRole('dialog', { name: 'Health check-in' });
      await dialog.waitFor();
      await dialog.getByText('Tick anything that is true now').waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, shot('1-questions'), { fullPage: false });

      await dialog.getByLabel('Last filler injection in the treatment area').fill(fillerDate);
      await dialog.getByLabel('New medicines since your assessment').fill('none');
      await dialog.getByRole('button', { name: 'Send my answers' }).click();

      // Not yet: the reason, the flag passed to the clinic, and the nearest valid times.
      const notYet = dialog.getByRole('alert').filter({ hasText: 'Not yet' });
      await notYet.waitFor();
      expect(await notYet.textContent()).toContain('The clinic has been told.');
      await dialog.getByText('These times would work:').waitFor();
      const suggested = dialog.getByRole('list', { name: 'Suggested times' }).getByRole('listitem');
      await expect.poll(() => suggested.count()).toBeGreaterThan(0);
      const firstTime = (await suggested.first().textContent())!;
      expect(firstTime).toMatch(/ at \d{1,2}:\d{2} [AP]M [A-Z]/);
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, shot('2-not-yet'), { fullPage: false });

      // The server flagged the booking for staff; every suggestion is after the filler wait.
      const flagged = (await (await page.context().request.get(`/api/v1/bookings/${booking.id}`)).json()) as {
        flaggedReason: string | null;
      };
      expect(flagged.flaggedReason).toMatch(/^check-in: not yet/);

      // One of the nearest valid times moves the visit.
      await suggested.first().getByRole('button', { name: 'Move to this time' }).click();
      await page.getByText(/^Moved: Micro-needling: face, now /).waitFor();
      await expect.poll(() => dialog.count()).toBe(0);
      const moved = (await (await page.context().request.get(`/api/v1/bookings/${booking.id}`)).json()) as Booked;
      expect(moved.version).toBe(booking.version + 1);
      expect(Date.parse(moved.start)).toBeGreaterThan(Date.parse(booking.start));
      await saveScreenshot(page, shot('3-moved'), { fullPage: false });

      // A clear check-in on the moved visit: all set, and the flag is lifted.
      await card.getByRole('button', { name: /^Health check-in for / }).click();
      await dialog.waitFor();
      await dialog.getByLabel('New medicines since your assessment').fill('none');
      await dialog.getByRole('button', { name: 'Send my answers' }).click();
      await dialog.getByText('All set for your session').waitFor();
      await saveScreenshot(page, shot('4-all-set'), { fullPage: false });
      await dialog.getByRole('button', { name: 'Done' }).click();
      const cleared = (await (await page.context().request.get(`/api/v1/bookings/${booking.id}`)).json()) as {
        flaggedReason: string | null;
      };
      expect(cleared.flaggedReason ?? null).toBeNull();
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
