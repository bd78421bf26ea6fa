// Moving one session of a booked series (issue 6): a move that keeps the later
// sessions inside their windows just happens; one that would push a later session
// out answers 409 series_window with a proposal, and with `reflow: true` moves the
// session and the later ones in one transaction, or none of them. Through the real
// app on PGlite.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  availabilityResponseSchema,
  bookingSchema,
  reflowProposalSchema,
  seriesProposalResponseSchema,
  seriesResponseSchema,
  servicesResponseSchema,
  type BookingView,
  type ReflowProposal,
  type SlotView,
} from '../src/domain/contracts/scheduling.ts';
import { DEMO_EMAIL_DOMAIN } from '../src/db/seed/demo-clinic.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { loginAs, type Agent } from './support/auth.ts';
import { demoIds } from './support/factories.ts';

const DAY_MS = 86_400_000;
const MIN_GAP = 7;
const MAX_GAP = 10;
let t: TestApp;
let frontDesk: Agent;
let patient1: Agent;
let faceId: string;
let practitioner1: string;
let practitioner2: string;
let patient2Id: string;

const iso = (ms: number) => new Date(ms).toISOString();
/** The clinic-local date of an answer's instant (answers are written in the clinic's offset). */
const localDate = (instant: string) => instant.slice(0, 10);
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const addDays = (date: string, days: number) => new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);

async function slotsOn(date: string, practitionerId: string): Promise<SlotView[]> {
  const from = Date.parse(`${date}T00:00:00Z`) - DAY_MS / 2;
  const query = new URLSearchParams({
    serviceId: faceId,
    from: iso(from),
    to: iso(from + 2 * DAY_MS),
    practitionerId,
  });
  const response = await t.app.inject({ url: `/api/v1/availability?${query.toString()}` });
  expect(response.statusCode, response.body).toBe(200);
  return availabilityResponseSchema.parse(response.json()).slots.filter((slot) => localDate(slot.start) === date);
}

/** The first slot of the practitioner on the first of `dates` that has one. */
async function firstSlotOn(dates: string[], practitionerId: string): Promise<SlotView> {
  for (const date of dates) {
    const found = await slotsOn(date, practitionerId);
    if (found.length > 0) return found[0]!;
  }
  throw new Error(`no slot on ${dates.join(', ')}`);
}

/** A 3-session series for patient1 with one practitioner, from `daysAhead` days on. */
async function bookSeries(daysAhead: number, practitionerId: string): Promise<BookingView[]> {
  const proposal = await patient1.inject({
    method: 'POST',
    url: '/api/v1/series/proposals',
    payload: {
      serviceId: faceId,
      sessions: 3,
      minGapDays: MIN_GAP,
      maxGapDays: MAX_GAP,
      earliestStart: iso(Date.now() + daysAhead * DAY_MS),
      practitionerId,
    },
  });
  expect(proposal.statusCode, proposal.body).toBe(200);
  const sessions = seriesProposalResponseSchema
    .parse(proposal.json())
    .sessions.map((session) => ({ start: session.start, practitionerId: session.practitionerId }));
  const booked = await patient1.inject({
    method: 'POST',
    url: '/api/v1/series',
    headers: { 'idempotency-key': randomUUID() },
    payload: { serviceId: faceId, sessions, minGapDays: MIN_GAP, maxGapDays: MAX_GAP },
  });
  expect(booked.statusCode, booked.body).toBe(201);
  return seriesResponseSchema.parse(booked.json()).bookings;
}

async function current(id: string): Promise<BookingView> {
  const response = await frontDesk.inject({ url: `/api/v1/bookings/${id}` });
  expect(response.statusCode, response.body).toBe(200);
  return bookingSchema.parse(response.json());
}

function move(agent: Agent, booking: BookingView, body: Record<string, unknown>, version = booking.version) {
  return agent.inject({
    method: 'PATCH',
    url: `/api/v1/bookings/${booking.id}`,
    headers: { 'if-match': `"${version}"` },
    payload: body,
  });
}

/** Session 2 moved to the end of its window, so session 3 (14 days after session 1) falls out of its own. */
async function breakingTarget(series: BookingView[], practitionerId: string): Promise<SlotView> {
  const first = localDate(series[0]!.start);
  const third = localDate(series[2]!.start);
  const candidates = [10, 9, 8]
    .map((gap) => addDays(first, gap))
    .filter((date) => dayNumber(third) - dayNumber(date) < MIN_GAP);
  return firstSlotOn(candidates, practitionerId);
}

async function countAudit(action: string, resourceId: string): Promise<number> {
  const { rows } = await t.database.executeSql(
    'select count(*)::int as n from audit_events where action = $1 and resource_id = $2',
    [action, resourceId],
  );
  return Number(rows[0]?.n);
}

function expectInsideWindows(proposal: ReflowProposal): void {
  for (const [at, session] of proposal.sessions.entries()) {
    const date = localDate(session.start);
    expect(date >= session.windowStart && date <= session.windowEnd, `session ${session.index}`).toBe(true);
    if (at === 0) continue;
    const gap = dayNumber(date) - dayNumber(localDate(proposal.sessions[at - 1]!.start));
    expect(gap).toBeGreaterThanOrEqual(MIN_GAP);
    expect(gap).toBeLessThanOrEqual(MAX_GAP);
  }
}

beforeAll(async () => {
  t = await createTestApp();
  const ids = await demoIds(t.database);
  practitioner1 = ids.userIdOf(`practitioner1@${DEMO_EMAIL_DOMAIN}`);
  practitioner2 = ids.userIdOf(`practitioner2@${DEMO_EMAIL_DOMAIN}`);
  patient2Id = ids.patientIdOf(`patient2@${DEMO_EMAIL_DOMAIN}`);
  frontDesk = await loginAs(t, `frontdesk@${DEMO_EMAIL_DOMAIN}`);
  patient1 = await loginAs(t, `patient1@${DEMO_EMAIL_DOMAIN}`);
  const services = servicesResponseSchema.parse((await t.app.inject({ url: '/api/v1/services' })).json()).services;
  faceId = services.find((service) => service.name === 'Micro-needling: face')!.id;
});

afterAll(async () => {
  await t.close();
});

describe('moving a session of a series', () => {
  it('moves when the later sessions stay inside their windows', async () => {
    const series = await bookSeries(5, practitioner1);
    // Session 3 one to three days later: still 8–10 days after session 2.
    const second = localDate(series[1]!.start);
    const target = await firstSlotOn([addDays(second, 8), addDays(second, 9), addDays(second, 10)], practitioner1);
    const moved = await move(patient1, series[2]!, { start: target.start });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: target.start, version: 2, seriesIndex: 3 });
    // Session 2 at another time of its day: session 3 keeps its window.
    const sameDay = (await slotsOn(second, practitioner1)).find((slot) => slot.start !== series[1]!.start)!;
    const movedSecond = await move(patient1, series[1]!, { start: sameDay.start });
    expect(movedSecond.statusCode, movedSecond.body).toBe(200);
    expect((await current(series[0]!.id)).version).toBe(1);
    expect((await current(series[2]!.id)).start).toBe(target.start);
  });

  it('refuses a session moved before its window after the previous session (409 series_window)', async () => {
    const series = await bookSeries(30, practitioner2);
    const first = localDate(series[0]!.start);
    const early = await firstSlotOn([addDays(first, 3), addDays(first, 4), addDays(first, 5)], practitioner2);
    const refused = await move(patient1, series[1]!, { start: early.start });
    expect(refused.statusCode, refused.body).toBe(409);
    const problem = refused.json<{ code: string; detail: string; proposal?: unknown; errors: unknown[] }>();
    expect(problem).toMatchObject({ code: 'series_window', errors: [{ path: 'sessions.2' }] });
    expect(problem.proposal).toBeUndefined();
    expect(problem.detail).toContain('Session 2 must fall between');
    expect(await current(series[1]!.id)).toMatchObject({ start: series[1]!.start, version: 1 });
  });

  it('answers 409 series_window with a proposal inside the windows and free; reflow: true moves them all', async () => {
    const series = await bookSeries(12, practitioner1);
    const target = await breakingTarget(series, practitioner1);
    const refused = await move(patient1, series[1]!, { start: target.start });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json<{ code: string; proposal: unknown; errors: { path: string }[] }>();
    expect(problem).toMatchObject({ code: 'series_window', errors: [{ path: 'sessions.3' }] });
    const proposal = reflowProposalSchema.parse(problem.proposal);
    expect(proposal.timeZone).toBe('America/New_York');
    expect(proposal.sessions.map((session) => [session.index, session.change])).toEqual([
      [1, 'unchanged'],
      [2, 'moved'],
      [3, 'rescheduled'],
    ]);
    expect(proposal.sessions[1]!.start).toBe(target.start);
    expectInsideWindows(proposal);
    const rescheduled = proposal.sessions[2]!;
    expect(rescheduled).toMatchObject({ bookingId: series[2]!.id, currentStart: series[2]!.start, version: 1 });
    expect(rescheduled.practitionerName).toEqual(expect.any(String));
    // Free: the availability offers it (the series' own sessions are on other days).
    const free = await slotsOn(localDate(rescheduled.start), practitioner1);
    expect(free.map((slot) => slot.start)).toContain(rescheduled.start);
    // Nothing moved.
    expect(await current(series[1]!.id)).toMatchObject({ start: series[1]!.start, version: 1 });
    expect(await current(series[2]!.id)).toMatchObject({ start: series[2]!.start, version: 1 });

    // Accepting it moves session 2 and session 3 together.
    const accepted = await move(patient1, series[1]!, {
      start: target.start,
      reflow: true,
      laterSessions: [
        {
          bookingId: rescheduled.bookingId,
          start: rescheduled.start,
          practitionerId: rescheduled.practitionerId,
          version: rescheduled.version,
        },
      ],
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ id: series[1]!.id, start: target.start, version: 2 });
    expect(accepted.headers.etag).toBe('"2"');
    expect(await current(series[0]!.id)).toMatchObject({ start: series[0]!.start, version: 1 });
    expect(await current(series[2]!.id)).toMatchObject({ start: rescheduled.start, version: 2 });
    expect(await countAudit('booking_moved', series[2]!.id)).toBe(1);
    expect(await countAudit('series_reflowed', series[0]!.seriesId!)).toBe(1);
  });

  it('reflow: true without laterSessions applies the server’s own proposal', async () => {
    const series = await bookSeries(40, practitioner2);
    const target = await breakingTarget(series, practitioner2);
    const moved = await move(frontDesk, series[1]!, { start: target.start, reflow: true });
    expect(moved.statusCode, moved.body).toBe(200);
    const third = await current(series[2]!.id);
    expect(third.version).toBe(2);
    const gap = dayNumber(localDate(third.start)) - dayNumber(localDate(target.start));
    expect(gap).toBeGreaterThanOrEqual(MIN_GAP);
    expect(gap).toBeLessThanOrEqual(MAX_GAP);
  });

  it('a proposed time taken meanwhile leaves sessions 1–3 as they were (409 slot_unavailable naming session 3)', async () => {
    const series = await bookSeries(55, practitioner1);
    const target = await breakingTarget(series, practitioner1);
    const refused = await move(patient1, series[1]!, { start: target.start });
    expect(refused.statusCode, refused.body).toBe(409);
    const proposal = reflowProposalSchema.parse(refused.json<{ proposal: unknown }>().proposal);
    const third = proposal.sessions.find((session) => session.change === 'rescheduled')!;
    expect(third.index).toBe(3);
    // Someone else takes session 3's proposed time.
    const taken = await frontDesk.inject({
      method: 'POST',
      url: '/api/v1/bookings',
      headers: { 'idempotency-key': randomUUID() },
      payload: { serviceId: faceId, start: third.start, practitionerId: third.practitionerId, patientId: patient2Id },
    });
    expect(taken.statusCode, taken.body).toBe(201);
    const before = await Promise.all(series.map((session) => current(session.id)));
    const accepted = await move(patient1, series[1]!, {
      start: target.start,
      reflow: true,
      laterSessions: [
        {
          bookingId: third.bookingId,
          start: third.start,
          practitionerId: third.practitionerId,
          version: third.version,
        },
      ],
    });
    expect(accepted.statusCode, accepted.body).toBe(409);
    expect(accepted.json()).toMatchObject({ code: 'slot_unavailable', errors: [{ path: 'sessions.3' }] });
    const after = await Promise.all(series.map((session) => current(session.id)));
    expect(after).toEqual(before);
    expect(await countAudit('booking_moved', series[1]!.id)).toBe(0);
  });

  it('a stale version is 412 and changes nothing, for the moved session and for a later one', async () => {
    const series = await bookSeries(70, practitioner2);
    const target = await breakingTarget(series, practitioner2);
    const stale = await move(patient1, series[1]!, { start: target.start, reflow: true }, 7);
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'version_conflict' });
    const missing = await patient1.inject({
      method: 'PATCH',
      url: `/api/v1/bookings/${series[1]!.id}`,
      payload: { start: target.start, reflow: true },
    });
    expect(missing.statusCode).toBe(428);

    const refused = await move(patient1, series[1]!, { start: target.start });
    const proposal = reflowProposalSchema.parse(refused.json<{ proposal: unknown }>().proposal);
    const third = proposal.sessions.find((session) => session.change === 'rescheduled')!;
    const laterStale = await move(patient1, series[1]!, {
      start: target.start,
      reflow: true,
      laterSessions: [
        { bookingId: third.bookingId, start: third.start, practitionerId: third.practitionerId, version: 5 },
      ],
    });
    expect(laterStale.statusCode, laterStale.body).toBe(412);
    expect(laterStale.json()).toMatchObject({ code: 'version_conflict', errors: [{ path: 'sessions.3' }] });
    for (const session of series) {
      expect(await current(session.id)).toMatchObject({ start: session.start, version: 1 });
    }
  });

  it('refuses laterSessions that name another booking (series_window), and laterSessions without reflow (400)', async () => {
    const series = await bookSeries(20, practitioner2);
    const target = await breakingTarget(series, practitioner2);
    const foreign = await move(patient1, series[1]!, {
      start: target.start,
      reflow: true,
      laterSessions: [{ bookingId: randomUUID(), start: target.start, practitionerId: practitioner2, version: 1 }],
    });
    expect(foreign.statusCode).toBe(409);
    expect(foreign.json()).toMatchObject({ code: 'series_window' });
    const noReflow = await move(patient1, series[1]!, {
      start: target.start,
      laterSessions: [{ bookingId: series[2]!.id, start: target.start, practitionerId: practitioner2, version: 1 }],
    });
    expect(noReflow.statusCode).toBe(400);
    expect(await current(series[1]!.id)).toMatchObject({ version: 1 });
  });
});

describe('names and notice', () => {
  it('booking views and series proposals carry the practitioner’s name, and the room and device names', async () => {
    const series = await bookSeries(85, practitioner1);
    const one = await current(series[0]!.id);
    expect(one.practitionerName).toEqual(expect.any(String));
    expect(one.practitionerName).not.toBe('');
    expect(one.roomName).toEqual(expect.any(String));
    expect(one.deviceName).toEqual(expect.any(String));
    const listed = await patient1.inject({
      url: `/api/v1/bookings?from=${iso(Date.parse(one.start) - DAY_MS)}&to=${iso(Date.parse(one.start) + DAY_MS)}`,
    });
    expect(listed.json<{ bookings: BookingView[] }>().bookings.find((entry) => entry.id === one.id)).toMatchObject({
      practitionerName: one.practitionerName,
    });
    const proposal = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series/proposals',
      payload: {
        serviceId: faceId,
        sessions: 2,
        minGapDays: MIN_GAP,
        maxGapDays: MAX_GAP,
        earliestStart: iso(Date.now() + 100 * DAY_MS),
        practitionerId: practitioner1,
      },
    });
    const sessions = seriesProposalResponseSchema.parse(proposal.json()).sessions;
    expect(sessions.every((session) => session.practitionerName === one.practitionerName)).toBe(true);
  });

  it('a patient’s move inside the notice says which notice applies and until when, in the clinic’s zone', async () => {
    const patient1Id = (await demoIds(t.database)).patientIdOf(`patient1@${DEMO_EMAIL_DOMAIN}`);
    const startMs = Math.ceil((Date.now() + 5 * 3_600_000) / 3_600_000) * 3_600_000;
    const { rows } = await t.database.executeSql(
      `insert into bookings (clinic_id, kind, service_id, patient_id, practitioner_id, starts_at, ends_at, occupied,
                             price_cents, currency)
       select clinic_id, 'appointment', id, $2, $3, $4::timestamptz, $5::timestamptz,
              tstzrange($4::timestamptz, $5::timestamptz, '[)'), price_cents, currency
         from services where id = $1 returning id`,
      [faceId, patient1Id, practitioner2, iso(startMs), iso(startMs + 3_600_000)],
    );
    const booking = await current(String(rows[0]!.id));
    const refused = await move(patient1, booking, { start: iso(startMs + 3 * DAY_MS) });
    expect(refused.statusCode, refused.body).toBe(409);
    const { code, detail } = refused.json<{ code: string; detail: string }>();
    expect(code).toBe('notice_period');
    expect(detail).toContain('Moving needs 24 hours’ notice');
    expect(detail).toContain('cancellation notice, which also applies to moves');
    const deadline = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(startMs - DAY_MS));
    expect(detail).toContain(`could be moved until`);
    expect(detail).toContain(deadline);
    expect(detail).toMatch(/\bE[SD]T\b/);
    expect(detail).toContain('(America/New_York)');
  });
});

describe('series proposals: the windows', () => {
  it('session 1 opens on the earliest start’s date; each later one is the previous date + [min, max] days', async () => {
    const earliest = Date.now() + 45 * DAY_MS;
    const response = await patient1.inject({
      method: 'POST',
      url: '/api/v1/series/proposals',
      payload: {
        serviceId: faceId,
        sessions: 3,
        minGapDays: MIN_GAP,
        maxGapDays: MAX_GAP,
        earliestStart: iso(earliest),
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { sessions } = seriesProposalResponseSchema.parse(response.json());
    const earliestDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(earliest);
    expect(sessions[0]!.windowStart).toBe(earliestDate);
    expect(sessions[0]!.windowEnd > sessions[0]!.windowStart).toBe(true);
    expect(localDate(sessions[0]!.start) >= earliestDate).toBe(true);
    for (const at of [1, 2]) {
      const previous = localDate(sessions[at - 1]!.start);
      expect(sessions[at]!.windowStart).toBe(addDays(previous, MIN_GAP));
      expect(sessions[at]!.windowEnd).toBe(addDays(previous, MAX_GAP));
    }
  });
});
