// The staff calendar as front desk uses it: a booking made for a patient shows in
// its practitioner's column at the clinic's time; front desk drags it to a later
// time, sees the conflict check, saves, and finds it there after a reload; then
// moves it again with the keyboard alternative ("Move…" and a time picker).
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { baseUrl, launchBrowser, openPage, saveScreenshot } from './support/browser.ts';
import { demoLogins, demoPassword } from './support/accounts.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

interface Slot {
  start: string;
  end: string;
  practitionerId: string;
}

async function apiSession(request: APIRequestContext, email: string): Promise<Record<string, string>> {
  const response = await request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
  expect(response.status()).toBe(200);
  return { origin: baseUrl(), 'x-csrf-token': ((await response.json()) as { csrfToken: string }).csrfToken };
}

/** "2026-12-14T09:00:00-05:00" → date and HH:MM as the clinic's clocks read them (the offset is the clinic's). */
function wallClock(iso: string): { date: string; time: string } {
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

async function bookingStart(request: APIRequestContext, id: string): Promise<string> {
  const response = await request.get(`/api/v1/bookings/${id}`);
  expect(response.status()).toBe(200);
  return ((await response.json()) as { start: string }).start;
}

function bookingCard(page: Page, id: string) {
  return page.locator(`[data-booking-id="${id}"]`);
}

describe('staff calendar', () => {
  test('front desk sees a booking, drags it to another time, and moves it again by keyboard', async () => {
    const { page, consoleErrors, close } = await openPage(browser, { viewport: { width: 1400, height: 1000 } });
    try {
      const request = page.context().request;
      const headers = await apiSession(request, demoLogins.frontDesk);

      // A weekday about four weeks ahead, for the second practitioner, so other tests' bookings stay clear.
      const services = (await (await request.get('/api/v1/services')).json()) as {
        services: { id: string; kind: string; durationMinutes: number }[];
      };
      const service = services.services.find((candidate) => candidate.kind === 'consultation') ?? services.services[0]!;
      const resources = (await (await request.get('/api/v1/calendar/resources')).json()) as {
        practitioners: { id: string; name: string }[];
      };
      const patients = (await (await request.get('/api/v1/patients')).json()) as {
        patients: { id: string; givenName: string; familyName: string }[];
      };
      const patient = patients.patients.find((candidate) => candidate.givenName === 'Riley') ?? patients.patients[0]!;
      const from = new Date(Date.now() + 27 * 86_400_000);
      const to = new Date(from.getTime() + 14 * 86_400_000);
      let slots: Slot[] = [];
      for (const practitioner of [...resources.practitioners].reverse()) {
        const query = new URLSearchParams({
          serviceId: service.id,
          from: from.toISOString(),
          to: to.toISOString(),
          practitionerId: practitioner.id,
        });
        const answer = await request.get(`/api/v1/availability?${query.toString()}`);
        if (answer.status() !== 200) continue;
        slots = ((await answer.json()) as { slots: Slot[] }).slots;
        if (slots.length > 0) break;
      }
      expect(slots.length).toBeGreaterThan(0);
      // A day with a free start, another at least three hours later, and one in between.
      const sameDay = (a: Slot, b: Slot) => wallClock(a.start).date === wallClock(b.start).date;
      const plan = slots
        .map((candidate) => {
          const later = slots.find(
            (slot) => sameDay(slot, candidate) && Date.parse(slot.start) >= Date.parse(candidate.start) + 3 * 3_600_000,
          );
          const between =
            later &&
            slots.find(
              (slot) =>
                sameDay(slot, candidate) &&
                Date.parse(slot.start) >= Date.parse(candidate.start) + 3_600_000 &&
                Date.parse(slot.end) <= Date.parse(later.start),
            );
          return later && between ? { first: candidate, target: later, keyboardTarget: between } : undefined;
        })
        .find((candidate) => candidate !== undefined);
      expect(plan).toBeDefined();
      const { first, target, keyboardTarget } = plan!;
      const day = wallClock(first.start).date;

      const created = await request.post('/api/v1/bookings', {
        headers: { ...headers, 'idempotency-key': `e2e-calendar-${Date.now()}` },
        data: {
          serviceId: service.id,
          start: first.start,
          practitionerId: first.practitionerId,
          patientId: patient.id,
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const booking = (await created.json()) as { id: string; start: string };

      // The calendar on that day: the booking is in its practitioner's column, labelled with the zone.
      await page.goto(`/app/staff/calendar?date=${day}`);
      await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
      await page.getByText(/Times are in the clinic’s time zone: America\/New_York/).waitFor();
      const card = bookingCard(page, booking.id);
      await card.waitFor();
      expect(await card.textContent()).toContain(`${patient.givenName} ${patient.familyName}`);
      expect(await card.textContent()).toMatch(/E[SD]T/);
      await saveScreenshot(page, 'staff-calendar-day', { fullPage: false });

      // Drag and drop to the later time in the same column.
      const goal = wallClock(target.start);
      const cell = page.locator(`[data-column="${first.practitionerId}"][data-slot="${goal.date}T${goal.time}"]`);
      await card.dragTo(cell);
      const dialog = page.getByRole('dialog');
      await dialog.getByText('No conflicts on this calendar').waitFor();
      await dialog.getByRole('button', { name: 'Save move' }).click();
      await page.getByRole('status').filter({ hasText: 'Moved to' }).waitFor();
      expect(Date.parse(await bookingStart(request, booking.id))).toBe(Date.parse(target.start));

      await page.reload();
      await bookingCard(page, booking.id).waitFor();
      expect(Date.parse(await bookingStart(request, booking.id))).toBe(Date.parse(target.start));

      // The keyboard alternative: "Move…", a time, and save.
      const keyGoal = wallClock(keyboardTarget.start);
      await bookingCard(page, booking.id).getByRole('button', { name: /^Move/ }).focus();
      await page.keyboard.press('Enter');
      const moveDialog = page.getByRole('dialog');
      await moveDialog.getByLabel('Time').fill(keyGoal.time);
      await moveDialog.getByText('No conflicts on this calendar').waitFor();
      await moveDialog.getByRole('button', { name: 'Save move' }).click();
      await page.getByRole('status').filter({ hasText: 'Moved to' }).waitFor();
      await page.reload();
      await bookingCard(page, booking.id).waitFor();
      expect(Date.parse(await bookingStart(request, booking.id))).toBe(Date.parse(keyboardTarget.start));
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});
