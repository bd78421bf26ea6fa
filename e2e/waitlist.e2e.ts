// The waitlist as the front desk and the patient meet it (issue 6): front desk finds
// a free time inside a waiting patient's window on the waitlist screen and offers it;
// the patient sees the offer under My appointments and accepts it, and the visit is
// booked. Screenshots go to e2e/screenshots/waitlist-*.png.
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
} from './support/browser.ts';
import { demoLogins, signInByApi, signInForApiWrites } from './support/accounts.ts';

const DAY_MS = 86_400_000;
const browser = browserForThisFile();

function localDate(ms: number, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    ms,
  );
}

describe('a freed slot from the waitlist', () => {
  test('is offered by the front desk and accepted by the patient under My appointments', async () => {
    // The patient joins the waitlist (through the API: the screen's subject is the offer).
    const desk = await browser().newContext({ baseURL: baseUrl() });
    const headers = await signInForApiWrites(desk, demoLogins.frontDesk);
    const { timeZone } = (await (await desk.request.get('/api/v1/clinic')).json()) as { timeZone: string };
    const { services } = (await (await desk.request.get('/api/v1/services')).json()) as {
      services: { id: string; name: string }[];
    };
    const { patients } = (await (await desk.request.get('/api/v1/patients')).json()) as {
      patients: { id: string; email: string | null; givenName: string; familyName: string }[];
    };
    const patient = patients.find((candidate) => candidate.email === demoLogins.patientTwo)!;
    const service = services.find((candidate) => candidate.name === 'Micro-needling consultation')!;
    // Seven weeks out, clear of the other browser tests' bookings.
    const windowStart = localDate(Date.now() + 49 * DAY_MS, timeZone);
    const windowEnd = localDate(Date.now() + 55 * DAY_MS, timeZone);
    const added = await desk.request.post('/api/v1/waitlist', {
      headers,
      data: { patientId: patient.id, serviceId: service.id, windowStart, windowEnd },
    });
    expect(added.status(), await added.text()).toBe(201);
    const entryId = ((await added.json()) as { id: string }).id;
    await desk.close();

    const staff = await openPage(browser());
    try {
      await signInByApi(staff.page, demoLogins.frontDesk);
      await staff.page.goto('/app/staff/waitlist');
      await staff.page.getByRole('heading', { level: 1, name: 'Waitlist' }).waitFor();
      const name = `${patient.givenName} ${patient.familyName}`;
      const row = staff.page.getByTestId('waitlist-entry').filter({ hasText: name }).last();
      await row.waitFor();
      expect(await row.textContent()).toContain('Micro-needling consultation');
      expect(await row.textContent()).toContain('Not offered yet');
      expect(await staff.page.getByTestId('zone-label').textContent()).toMatch(/^Times are in [A-Za-z ]+ time \(/);

      await row.getByRole('button', { name: `Find a slot to offer ${name}` }).click();
      const dialog = staff.page.getByRole('dialog', { name: `Offer a time to ${name}` });
      await dialog.waitFor();
      const times = dialog.getByRole('button', { name: /^\d{1,2}:\d{2} [AP]M [A-Z]/ });
      await times.first().waitFor();
      const chosen = (await times.first().textContent())!.trim();
      await times.first().click();
      expect(await accessibilityViolations(staff.page)).toEqual([]);
      await saveScreenshot(staff.page, 'waitlist-offer-dialog', { fullPage: false });
      await dialog.getByRole('button', { name: /^Offer / }).click();
      await staff.page.getByText(new RegExp(`^Offered .* to ${name}, held until `)).waitFor();
      await expect.poll(async () => row.getByTestId('offer-status').textContent()).toBe('Offered');
      expect(await row.textContent()).toContain(chosen.split(' · ')[0]!);
      expect(await hasHorizontalScroll(staff.page)).toBe(false);
      expect(await accessibilityViolations(staff.page)).toEqual([]);
      await saveScreenshot(staff.page, 'waitlist-page', { fullPage: false });
      expect(staff.consoleErrors).toEqual([]);
      expect(staff.failedRequests).toEqual([]);
    } finally {
      await staff.close();
    }

    // The patient: the offer under My appointments, held until a time on the clinic's clocks.
    const mine = await openPage(browser());
    try {
      await signInByApi(mine.page, demoLogins.patientTwo);
      await mine.page.goto('/app/appointments');
      await mine.page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
      const offer = mine.page.getByTestId('waitlist-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toMatch(/Held for you until .* at \d{1,2}:\d{2} [AP]M [A-Z]/);
      expect(await offer.textContent()).toContain('Micro-needling consultation');
      const when = (await offer.getByTestId('offer-time').textContent())!;
      expect(await accessibilityViolations(mine.page)).toEqual([]);
      await saveScreenshot(mine.page, 'waitlist-offer-appointments', { fullPage: false });

      await offer.getByRole('button', { name: 'Accept' }).click();
      await mine.page.getByText(`You are booked: ${when}.`).waitFor();
      await expect.poll(() => mine.page.getByTestId('waitlist-offer').count()).toBe(0);
      const upcoming = mine.page.getByRole('list', { name: 'Upcoming appointments' });
      await upcoming.getByTestId('appointment-time').filter({ hasText: when }).first().waitFor();
      expect(mine.consoleErrors).toEqual([]);
      expect(mine.failedRequests).toEqual([]);
    } finally {
      await mine.close();
    }

    // The entry is fulfilled: off the open waitlist.
    const check = await browser().newContext({ baseURL: baseUrl() });
    try {
      await signInForApiWrites(check, demoLogins.frontDesk);
      const open = (await (await check.request.get('/api/v1/waitlist')).json()) as { entries: { id: string }[] };
      expect(open.entries.map((entry) => entry.id)).not.toContain(entryId);
    } finally {
      await check.close();
    }
  });
});
