// Moving one session of a treatment course under My appointments (issue 6): a move
// that would push the next session out of its window shows the clinic's proposal
// (the later session's new date, on the clinic's clocks, with its window); Cancel
// leaves everything as it was, "Move all" moves both in one go. Screenshots go to
// e2e/screenshots/booking-reflow-*.png.
import type { BrowserContext, Page } from 'playwright-core';
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

const DAY_MS = 86_400_000;
const browser = browserForThisFile();

interface Booked {
  id: string;
  start: string;
  version: number;
  seriesIndex: number | null;
}

interface Slot {
  start: string;
  practitionerId: string;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

async function signIn(context: BrowserContext, email: string): Promise<string> {
  const login = await context.request.post('/api/v1/auth/login', { data: { email, password: demoPassword() } });
  expect(login.status()).toBe(200);
  return ((await login.json()) as { csrfToken: string }).csrfToken;
}

function writeHeaders(csrfToken: string): Record<string, string> {
  return { 'x-csrf-token': csrfToken, origin: new URL(baseUrl()).origin };
}

/** Free slots whose clinic-local date is `date` (answers are written in the clinic's offset). */
async function slotsOn(context: BrowserContext, serviceId: string, date: string): Promise<Slot[]> {
  const from = Date.parse(`${date}T00:00:00Z`) - DAY_MS / 2;
  const query = new URLSearchParams({
    serviceId,
    from: new Date(from).toISOString(),
    to: new Date(from + 2 * DAY_MS).toISOString(),
  });
  const { slots } = (await (await context.request.get(`/api/v1/availability?${query.toString()}`)).json()) as {
    slots: Slot[];
  };
  return slots.filter((slot) => slot.start.slice(0, 10) === date);
}

/**
 * A 3-session course, 7–10 days apart, on Mondays `weeksAhead` weeks on: session 1 with
 * one practitioner, sessions 2 and 3 with another (so any practitioner may take a move).
 */
async function bookCourse(context: BrowserContext, csrfToken: string, weeksAhead: number, patientId?: string) {
  const services = (await (await context.request.get('/api/v1/services')).json()) as {
    services: { id: string; name: string }[];
  };
  const faceId = services.services.find((service) => service.name === 'Micro-needling: face')!.id;
  const today = dayNumber(new Date().toISOString().slice(0, 10));
  // 1970-01-01 was a Thursday: day numbers with (n + 3) % 7 === 0 are Mondays.
  let monday = today + weeksAhead * 7;
  while ((monday + 3) % 7 !== 0) monday++;
  const first = (await slotsOn(context, faceId, dateOf(monday)))[0]!;
  const second = (await slotsOn(context, faceId, dateOf(monday + 7))).find(
    (slot) => slot.practitionerId !== first.practitionerId,
  )!;
  const third = (await slotsOn(context, faceId, dateOf(monday + 14))).find(
    (slot) => slot.practitionerId === second.practitionerId,
  )!;
  const response = await context.request.post('/api/v1/series', {
    headers: { ...writeHeaders(csrfToken), 'idempotency-key': crypto.randomUUID() },
    data: {
      serviceId: faceId,
      sessions: [first, second, third].map(({ start, practitionerId }) => ({ start, practitionerId })),
      minGapDays: 7,
      maxGapDays: 10,
      ...(patientId === undefined ? {} : { patientId }),
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { bookings } = (await response.json()) as { bookings: Booked[] };
  return { bookings, monday };
}

/** Opens the day in the slot picker (moving on two weeks at a time) and picks its first free time. */
async function pickFirstTimeOn(page: Page, date: string): Promise<string> {
  const long = new Intl.DateTimeFormat('en-US', {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
  const day = page.getByRole('group', { name: 'Days' }).getByRole('button', { name: new RegExp(`^${long}:`) });
  await page.getByRole('group', { name: 'Days' }).waitFor();
  for (let step = 0; step < 8 && (await day.count()) === 0; step++) {
    const shown = await page.getByTestId('week-range').textContent();
    await page.getByRole('button', { name: 'Next weeks' }).click();
    // The next two weeks, loaded: not the ones before, whose days would say nothing.
    await expect.poll(() => page.getByTestId('week-range').textContent()).not.toBe(shown);
    await page.getByRole('group', { name: 'Days' }).waitFor();
  }
  await day.click();
  const first = page.getByRole('list', { name: 'Free times' }).getByRole('button').first();
  await first.waitFor();
  const label = (await first.textContent())!.trim();
  await first.click();
  return label;
}

async function readBooking(context: BrowserContext, id: string): Promise<Booked> {
  return (await (await context.request.get(`/api/v1/bookings/${id}`)).json()) as Booked;
}

describe.each<[ViewportName, string, number]>([
  ['desktop', demoLogins.patient, 6],
  ['phone', demoLogins.patientTwo, 7],
])('moving a course session on %s', (viewportName, email, weeksAhead) => {
  test('shows the proposal for the later session; Cancel keeps all, Move all moves both', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName,
      // The proposal comes as 409 series_window: an answer of the scenario.
      expectStatus: (url, status) =>
        status === 409 && /\/api\/v1\/bookings\/[0-9a-f-]{36}$/.test(new URL(url).pathname),
    });
    const shot = (step: string) => `booking-reflow-${step}-${viewportName}`;
    try {
      const csrfToken = await signIn(page.context(), email);
      const { bookings, monday } = await bookCourse(page.context(), csrfToken, weeksAhead);
      const [first, second, third] = bookings as [Booked, Booked, Booked];

      await page.goto('/app/appointments');
      await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
      const card = page.locator(`article[data-booking-id="${second.id}"]`);
      await card.waitFor();
      expect(await card.textContent()).toContain('session 2 of 3');
      await card.getByRole('button', { name: /^Move / }).click();
      await card.getByRole('heading', { level: 3, name: 'Choose a new time' }).waitFor();

      // Session 2 on the Thursday after: 10 days after session 1, but 4 before session 3.
      await pickFirstTimeOn(page, dateOf(monday + 10));
      await card.getByRole('heading', { level: 3, name: 'Move to this time?' }).waitFor();
      await card.getByRole('button', { name: 'Move my appointment' }).click();

      const proposal = card.getByTestId('series-proposal');
      await proposal.waitFor();
      await card.getByRole('heading', { level: 3, name: 'Move the later sessions too?' }).waitFor();
      expect(await proposal.textContent()).toMatch(/Times are in New York time \(E[SD]T\)/);
      const proposed = proposal.getByTestId('proposed-session');
      expect(await proposed.count()).toBe(1);
      const proposedText = (await proposed.first().textContent())!;
      expect(proposedText).toContain('Session 3');
      expect(proposedText).toMatch(/Its window: between [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2} and [A-Z][a-z]{2}, /);
      const newStart = (await proposed.first().getByTestId('proposed-start').textContent())!;
      expect(newStart).toMatch(/ at \d{1,2}:\d{2} [AP]M E[SD]T$/);
      await proposal.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, shot('1-proposal'), { fullPage: false });

      // Cancel: the proposal goes, nothing moved.
      await proposal.getByRole('button', { name: 'Cancel' }).click();
      await card.getByRole('heading', { level: 3, name: 'Move to this time?' }).waitFor();
      for (const session of bookings) {
        expect(await readBooking(page.context(), session.id)).toMatchObject({ start: session.start, version: 1 });
      }

      // Again, and "Move all": session 2 and session 3 move together.
      await card.getByRole('button', { name: 'Move my appointment' }).click();
      await proposal.waitFor();
      await proposal.getByRole('button', { name: 'Move all' }).click();
      await page.getByText(/^Moved: Micro-needling: face, now .*, and 1 later session with it\.$/).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await saveScreenshot(page, shot('2-moved'), { fullPage: false });
      const movedSecond = await readBooking(page.context(), second.id);
      const movedThird = await readBooking(page.context(), third.id);
      expect(movedSecond.version).toBe(2);
      expect(movedSecond.start.slice(0, 10)).toBe(dateOf(monday + 10));
      expect(movedThird.version).toBe(2);
      const gap = dayNumber(movedThird.start.slice(0, 10)) - dayNumber(movedSecond.start.slice(0, 10));
      expect(gap).toBeGreaterThanOrEqual(7);
      expect(gap).toBeLessThanOrEqual(10);
      expect(await readBooking(page.context(), first.id)).toMatchObject({ start: first.start, version: 1 });
      const thirdCard = page.locator(`article[data-booking-id="${third.id}"]`);
      await expect.poll(async () => thirdCard.getByTestId('appointment-time').textContent()).toBe(newStart);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('moving a course session on the staff calendar', () => {
  test('the Move… dialog shows the proposal and Move all moves the session and the later one', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewport: { width: 1400, height: 1000 },
      expectStatus: (url, status) =>
        status === 409 && /\/api\/v1\/bookings\/[0-9a-f-]{36}$/.test(new URL(url).pathname),
    });
    try {
      const context = page.context();
      const csrfToken = await signIn(context, demoLogins.frontDesk);
      const { patients } = (await (await context.request.get('/api/v1/patients')).json()) as {
        patients: { id: string }[];
      };
      const { bookings, monday } = await bookCourse(context, csrfToken, 9, patients[0]!.id);
      const [, second, third] = bookings as [Booked, Booked, Booked];
      const services = (await (await context.request.get('/api/v1/services')).json()) as {
        services: { id: string; name: string }[];
      };
      const faceId = services.services.find((service) => service.name === 'Micro-needling: face')!.id;
      const secondNow = (await (await context.request.get(`/api/v1/bookings/${second.id}`)).json()) as Booked & {
        practitionerId: string;
      };
      const target = (await slotsOn(context, faceId, dateOf(monday + 10))).find(
        (slot) => slot.practitionerId === secondNow.practitionerId,
      )!;

      await page.goto(`/app/staff/calendar?date=${second.start.slice(0, 10)}`);
      await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
      const card = page.locator(`[data-booking-id="${second.id}"]`);
      await card.waitFor();
      await card.getByRole('button', { name: /^Move/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Date').fill(dateOf(monday + 10));
      await dialog.getByLabel('Time').fill(target.start.slice(11, 16));
      await dialog.getByRole('button', { name: 'Save move' }).click();

      const proposal = dialog.getByTestId('series-proposal');
      await proposal.waitFor();
      expect(await proposal.getByTestId('proposed-session').count()).toBe(1);
      expect(await proposal.textContent()).toContain('Session 3');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'booking-reflow-staff-proposal', { fullPage: false });
      await proposal.getByRole('button', { name: 'Move all' }).click();
      await page.getByRole('status').filter({ hasText: 'with 1 later session' }).waitFor();
      expect(await readBooking(context, second.id)).toMatchObject({ start: target.start, version: 2 });
      const movedThird = await readBooking(context, third.id);
      expect(movedThird.version).toBe(2);
      const gap = dayNumber(movedThird.start.slice(0, 10)) - dayNumber(target.start.slice(0, 10));
      expect(gap).toBeGreaterThanOrEqual(7);
      expect(gap).toBeLessThanOrEqual(10);
      await saveScreenshot(page, 'booking-reflow-staff-moved', { fullPage: false });
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
