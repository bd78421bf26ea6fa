// The staff calendar as front desk uses it: a booking made for a patient shows in
// its practitioner's column at the clinic's time; front desk drags it to a later
// time, sees the conflict check, saves, and finds it there after a reload; then
// moves it again with the keyboard alternative ("Move…" and a time picker). The day
// and week views, with a booking and a block on them, pass axe at desktop and phone
// width, keep sideways scrolling inside the calendar, and can be used by keyboard.
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
import { demoLogins, demoPassword } from './support/accounts.ts';

const browser = browserForThisFile();

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

interface Setup {
  day: string;
  practitioner: { id: string; name: string };
  patientName: string;
  booking: { id: string; start: string };
  block: { id: string };
}

/**
 * A booking for a patient and, later the same day, a block with a reason, for one
 * practitioner on a weekday `daysAhead` or more ahead: what the calendar is checked with.
 */
async function bookingAndBlock(
  request: APIRequestContext,
  headers: Record<string, string>,
  daysAhead: number,
): Promise<Setup> {
  const services = (await (await request.get('/api/v1/services')).json()) as {
    services: { id: string; kind: string }[];
  };
  const service = services.services.find((candidate) => candidate.kind === 'consultation') ?? services.services[0]!;
  const { practitioners } = (await (await request.get('/api/v1/calendar/resources')).json()) as {
    practitioners: { id: string; name: string }[];
  };
  const { patients } = (await (await request.get('/api/v1/patients')).json()) as {
    patients: { id: string; givenName: string; familyName: string }[];
  };
  const patient = patients.find((candidate) => candidate.givenName === 'Riley') ?? patients[0]!;
  const from = new Date(Date.now() + daysAhead * 86_400_000);
  const to = new Date(from.getTime() + 7 * 86_400_000);
  for (const practitioner of practitioners) {
    const query = new URLSearchParams({
      serviceId: service.id,
      from: from.toISOString(),
      to: to.toISOString(),
      practitionerId: practitioner.id,
    });
    const answer = await request.get(`/api/v1/availability?${query.toString()}`);
    if (answer.status() !== 200) continue;
    const { slots } = (await answer.json()) as { slots: Slot[] };
    for (const first of slots) {
      const later = slots.find(
        (slot) =>
          wallClock(slot.start).date === wallClock(first.start).date &&
          Date.parse(slot.start) >= Date.parse(first.end) + 2 * 3_600_000,
      );
      if (later === undefined) continue;
      const created = await request.post('/api/v1/bookings', {
        headers: { ...headers, 'idempotency-key': `e2e-calendar-axe-${Date.now()}` },
        data: { serviceId: service.id, start: first.start, practitionerId: practitioner.id, patientId: patient.id },
      });
      expect(created.status(), await created.text()).toBe(201);
      const blocked = await request.post('/api/v1/time-blocks', {
        headers,
        data: { practitionerId: practitioner.id, start: later.start, end: later.end, note: 'Staff meeting' },
      });
      expect(blocked.status(), await blocked.text()).toBe(201);
      return {
        day: wallClock(first.start).date,
        practitioner,
        patientName: `${patient.givenName} ${patient.familyName}`,
        booking: (await created.json()) as { id: string; start: string },
        block: (await blocked.json()) as { id: string },
      };
    }
  }
  throw new Error('No free day for a booking and a block.');
}

/** axe finds nothing, and on a phone the page itself never scrolls sideways. */
async function checkCalendar(page: Page, name: string, viewportName: ViewportName): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
  if (viewportName === 'phone') expect(await hasHorizontalScroll(page)).toBe(false);
  await saveScreenshot(page, `${name}-${viewportName}`, { fullPage: viewportName === 'phone' });
}

describe('staff calendar', () => {
  test.each([
    ['desktop', 30],
    ['phone', 44],
  ] as const)(
    'the day and week views pass axe, fit a %s screen and work by keyboard',
    async (viewportName, daysAhead) => {
      const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
      let setup: Setup | undefined;
      const request = page.context().request;
      const headers = await apiSession(request, demoLogins.frontDesk);
      try {
        setup = await bookingAndBlock(request, headers, daysAhead);
        const { day, practitioner, patientName, booking } = setup;
        await page.goto(`/app/staff/calendar?date=${day}`);
        await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
        // A plain structure: the day's section, a group per practitioner, buttons in it.
        const calendar = page.getByRole('region', { name: /^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2}, \d{4}$/ });
        const column = calendar.getByRole('group', { name: practitioner.name, exact: true });
        await column.locator(`[data-booking-id="${booking.id}"]`).getByText(patientName).waitFor();
        const block = column.getByRole('button', { name: /^Blocked: Staff meeting, .* Remove block…$/ });
        await block.waitFor();
        expect(await block.textContent()).toBe('Blocked: Staff meeting');
        await column.getByRole('button', { name: new RegExp(`^Book 07:00 with ${practitioner.name}, `) }).waitFor();
        await checkCalendar(page, 'staff-calendar-day', viewportName);

        // Keyboard: one slot in the tab order, the arrow keys move it, Enter books there.
        const slot = calendar.locator('[data-slot-key][tabindex="0"]');
        expect(await slot.count()).toBe(1);
        await slot.focus();
        expect(await slot.getAttribute('data-slot')).toBe(`${day}T09:00`);
        const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-slot'));
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        expect(await focused()).toBe(`${day}T09:15`);
        await page.keyboard.press('Enter');
        const bookDialog = page.getByRole('dialog', { name: 'Book an appointment' });
        expect(await bookDialog.getByLabel('Time').inputValue()).toBe('09:15');
        expect(await accessibilityViolations(page)).toEqual([]);
        await bookDialog.getByRole('button', { name: 'Cancel' }).click();
        await bookDialog.waitFor({ state: 'detached' });

        // The booking's "Move…" opens the move dialog, which passes axe over the calendar too.
        await bookingCard(page, booking.id)
          .getByRole('button', { name: `Move ${patientName}’s`, exact: false })
          .click();
        const moveDialog = page.getByRole('dialog', { name: `Move ${patientName}’s booking` });
        await moveDialog.getByText(/No conflicts on this calendar|Conflicts/).waitFor();
        expect(await accessibilityViolations(page)).toEqual([]);
        await moveDialog.getByRole('button', { name: 'Cancel' }).click();
        await moveDialog.waitFor({ state: 'detached' });

        // The week of that day, for the practitioner: on a phone it scrolls sideways inside the calendar only.
        await page.getByText('Week', { exact: true }).click();
        await page.getByRole('textbox', { name: 'Whose week' }).click();
        await page.getByRole('option', { name: practitioner.name }).click();
        const week = page.getByRole('region', { name: /^Week of / });
        await week.getByRole('heading', { level: 2, name: new RegExp(`· ${practitioner.name}$`) }).waitFor();
        await bookingCard(page, booking.id).waitFor();
        await week.getByRole('button', { name: /^Blocked: Staff meeting/ }).waitFor();
        expect(await week.getByRole('group').count()).toBe(7);
        await checkCalendar(page, 'staff-calendar-week', viewportName);
        if (viewportName === 'phone') {
          const scrolls = await week
            .locator('[data-slot-key]')
            .first()
            .evaluate((element) => {
              const scroller = element.closest('[data-calendar-scroller]')!;
              return scroller.scrollWidth > scroller.clientWidth;
            });
          expect(scrolls).toBe(true);
        }
        expect(consoleErrors).toEqual([]);
        expect(failedRequests).toEqual([]);
      } finally {
        // Put the day back for other tests.
        if (setup !== undefined) {
          await request.delete(`/api/v1/time-blocks/${setup.block.id}`, { headers });
          await request.post(`/api/v1/bookings/${setup.booking.id}/cancel`, { headers });
        }
        await close();
      }
    },
  );

  test('front desk sees a booking, drags it to another time, and moves it again by keyboard', async () => {
    const { page, consoleErrors, close } = await openPage(browser(), { viewport: { width: 1400, height: 1000 } });
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
      // The notice (with its "Dismiss" button) passes axe too.
      expect(await accessibilityViolations(page)).toEqual([]);
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
