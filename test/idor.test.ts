// Insecure direct object references: nobody reaches an object that is not
// theirs by putting its id in a URL or a body. Patient A against patient B's
// record, sessions and tokens; staff of one clinic against a sister clinic in
// the same organization and a clinic of another organization. Each attempt is
// refused exactly like an unknown id (so nothing can be inferred) and lands in
// the audit log as access_denied.
import { and, count, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../src/db/schema.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { agentFor, loginAs, sessionCookieFrom, type Agent } from './support/auth.ts';
import {
  addMembership,
  createClinic,
  createPatient,
  createStaff,
  demoClinic,
  demoIds,
  type ClinicIds,
  type TestPatient,
  type TestUser,
} from './support/factories.ts';

let t: TestApp;
let demo: ClinicIds;
let sister: ClinicIds;
let otherOrganization: ClinicIds;
let ids: Awaited<ReturnType<typeof demoIds>>;

let patientA: Agent;
let patientB: Agent;
let sisterPatient: TestPatient;
let foreignPatient: TestPatient;
let sisterStaff: TestUser;
let foreignStaff: TestUser;
let sisterStaffAgent: Agent;

const UNKNOWN_ID = '6c1d3a52-0d5e-4f4e-9d43-2f0a6f1f2a11';

beforeAll(async () => {
  t = await createTestApp();
  demo = await demoClinic(t.database);
  ids = await demoIds(t.database);
  sister = await createClinic(t.database, { organizationId: demo.organizationId, name: 'Demo Brooklyn' });
  otherOrganization = await createClinic(t.database, { name: 'Elsewhere Skin' });
  sisterPatient = await createPatient(t.database, {
    clinicId: sister.clinicId,
    givenName: 'Sister',
    withAccount: true,
  });
  foreignPatient = await createPatient(t.database, { clinicId: otherOrganization.clinicId, givenName: 'Foreign' });
  sisterStaff = await createStaff(t.database, { clinicId: sister.clinicId, role: 'clinic_admin' });
  foreignStaff = await createStaff(t.database, { clinicId: otherOrganization.clinicId, role: 'practitioner' });
  patientA = await loginAs(t, 'patient1@demo.puncta.test');
  patientB = await loginAs(t, 'patient2@demo.puncta.test');
  sisterStaffAgent = await loginAs(t, sisterStaff.email);
});
afterAll(async () => {
  await t?.close();
});

/** Public ids of the agent's sessions and a token it owns: objects other people must not reach. */
async function ownedObjects(
  agent: Agent,
): Promise<{ sessionId: string; apiTokenId: string; assessmentId: string; articleId: string }> {
  const sessions = (await agent.inject({ method: 'GET', url: '/api/v1/auth/sessions' })).json<{
    sessions: { id: string; current: boolean }[];
  }>().sessions;
  const created = await agent.inject({
    method: 'POST',
    url: '/api/v1/auth/api-tokens',
    payload: { name: 'integration', scopes: ['read'] },
  });
  expect(created.statusCode, created.body).toBe(201);
  // A self-assessment saved in the victim's clinic (linked to them when they are a patient).
  const assessment = await agent.inject({
    method: 'POST',
    url: '/api/v1/assessments',
    payload: {
      birthDate: '1990-06-15',
      fitzpatrick: 2,
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      answers: {},
      today: '2025-11-25',
    },
  });
  expect(assessment.statusCode, assessment.body).toBe(201);
  // An article draft, when the victim may write (practitioners and admins); patients have none to reach.
  const article = await agent.inject({ method: 'POST', url: '/api/v1/articles', payload: { title: 'Their draft' } });
  expect([201, 403], article.body).toContain(article.statusCode);
  return {
    sessionId: sessions.find((session) => session.current)!.id,
    apiTokenId: created.json<{ id: string }>().id,
    assessmentId: assessment.json<{ id: string }>().id,
    articleId: article.statusCode === 201 ? article.json<{ id: string }>().id : UNKNOWN_ID,
  };
}

/**
 * Scheduling objects of the victim, made in the test database: a booking of theirs, a
 * calendar feed of theirs, a time block and a service of their clinic. `starts` keeps
 * each victim's booking and block apart from the others' (2031, far from any test's slots).
 */
interface SchedulingObjects {
  bookingId: string;
  feedId: string;
  blockId: string;
  serviceId: string;
}

let nextHour = 0;

async function schedulingObjects(
  clinicId: string,
  owner: { patientId: string; practitionerId: string; feedOwner: { userId: string } | { patientId: string } },
): Promise<SchedulingObjects> {
  const sql = (text: string, values: unknown[]) => t.database.executeSql(text, values);
  const hour = (nextHour += 2);
  const range = (offset: number) => {
    const start = new Date(Date.UTC(2031, 2, 3, 0) + (hour + offset) * 3_600_000).toISOString();
    const end = new Date(Date.UTC(2031, 2, 3, 0) + (hour + offset + 1) * 3_600_000).toISOString();
    return `[${start},${end})`;
  };
  const service = await sql(
    `insert into services (clinic_id, code, name, kind, description, duration_minutes, price_cents)
     values ($1, $2, 'Their treatment', 'treatment', 'x', 60, 100) returning id`,
    [clinicId, `idor-${hour}`],
  );
  const serviceId = String(service.rows[0]!.id);
  const booking = await sql(
    `insert into bookings (clinic_id, kind, service_id, patient_id, practitioner_id, starts_at, ends_at, occupied,
                           price_cents, currency)
     values ($1, 'appointment', $2, $3, $4, lower($5::tstzrange), upper($5::tstzrange), $5::tstzrange, 100, 'USD')
     returning id`,
    [clinicId, serviceId, owner.patientId, owner.practitionerId, range(0)],
  );
  const block = await sql(
    `insert into bookings (clinic_id, kind, practitioner_id, starts_at, ends_at, occupied, note)
     values ($1, 'block', $2, lower($3::tstzrange), upper($3::tstzrange), $3::tstzrange, 'Their time off') returning id`,
    [clinicId, owner.practitionerId, range(1)],
  );
  const feed = await sql(
    'insert into calendar_feeds (clinic_id, user_id, patient_id, token_hash) values ($1, $2, $3, $4) returning id',
    [
      clinicId,
      'userId' in owner.feedOwner ? owner.feedOwner.userId : null,
      'patientId' in owner.feedOwner ? owner.feedOwner.patientId : null,
      `idor-feed-${hour}-${clinicId}`,
    ],
  );
  return {
    bookingId: String(booking.rows[0]!.id),
    feedId: String(feed.rows[0]!.id),
    blockId: String(block.rows[0]!.id),
    serviceId,
  };
}

/** Everything a refused request could have changed on those objects. */
async function schedulingState(objects: SchedulingObjects): Promise<unknown[]> {
  const bookingRows = await t.database.executeSql(
    `select id, kind, status, version, starts_at, ends_at, practitioner_id, flagged_reason, updated_at
       from bookings where id = any($1) order by id`,
    [[objects.bookingId, objects.blockId]],
  );
  const feed = await t.database.executeSql('select id, revoked_at from calendar_feeds where id = $1', [objects.feedId]);
  const service = await t.database.executeSql(
    'select id, active, duration_minutes, price_cents, buffer_before_minutes, buffer_after_minutes from services where id = $1',
    [objects.serviceId],
  );
  const checkIns = await t.database.executeSql(
    'select count(*)::int as n from booking_check_ins where booking_id = $1',
    [objects.bookingId],
  );
  return [bookingRows.rows, feed.rows, service.rows, checkIns.rows];
}

async function deniedCount(userId: string): Promise<number> {
  const [row] = await t.database.db
    .select({ n: count() })
    .from(auditEvents)
    .where(and(eq(auditEvents.userId, userId), eq(auditEvents.action, 'access_denied')));
  return row?.n ?? 0;
}

/**
 * For every registered route with an id in its path: the request that aims it
 * at someone else's object. A new route with an id must be added here, or
 * the sweep fails: whoever adds it decides what "someone else's" means for it.
 */
type Targets = (
  objects: {
    patientId: string;
    userId: string;
    messageId: string;
    sessionId: string;
    apiTokenId: string;
    assessmentId: string;
    articleId: string;
  } & SchedulingObjects,
) => Record<string, InjectOptions>;

const attacks: Targets = (o) => ({
  'GET /api/v1/patients/:id': { method: 'GET', url: `/api/v1/patients/${o.patientId}` },
  'HEAD /api/v1/patients/:id': { method: 'HEAD', url: `/api/v1/patients/${o.patientId}` },
  'PATCH /api/v1/staff/:userId': { method: 'PATCH', url: `/api/v1/staff/${o.userId}`, payload: { role: 'front_desk' } },
  'POST /api/v1/staff/:userId/deactivate': { method: 'POST', url: `/api/v1/staff/${o.userId}/deactivate` },
  'POST /api/v1/staff/:userId/sessions/revoke': { method: 'POST', url: `/api/v1/staff/${o.userId}/sessions/revoke` },
  'GET /api/v1/demo/mailbox/:id': { method: 'GET', url: `/api/v1/demo/mailbox/${o.messageId}` },
  'HEAD /api/v1/demo/mailbox/:id': { method: 'HEAD', url: `/api/v1/demo/mailbox/${o.messageId}` },
  'DELETE /api/v1/auth/sessions/:id': { method: 'DELETE', url: `/api/v1/auth/sessions/${o.sessionId}` },
  'DELETE /api/v1/auth/api-tokens/:id': { method: 'DELETE', url: `/api/v1/auth/api-tokens/${o.apiTokenId}` },
  'GET /api/v1/assessments/:id': { method: 'GET', url: `/api/v1/assessments/${o.assessmentId}` },
  'HEAD /api/v1/assessments/:id': { method: 'HEAD', url: `/api/v1/assessments/${o.assessmentId}` },
  'POST /api/v1/assessments/:id/reviews': {
    method: 'POST',
    url: `/api/v1/assessments/${o.assessmentId}/reviews`,
    payload: { decision: 'proceed', note: 'Trying to sign off another clinic’s assessment.' },
  },
  ...articleAttacks(o.articleId),
  ...commentAttacks(o.articleId),
  // Calendar files and feeds: the victim's real booking and feed (schedulingObjects()).
  'GET /api/v1/bookings/:id.ics': { method: 'GET', url: `/api/v1/bookings/${o.bookingId}.ics` },
  'HEAD /api/v1/bookings/:id.ics': { method: 'HEAD', url: `/api/v1/bookings/${o.bookingId}.ics` },
  'DELETE /api/v1/calendar-feeds/:id': { method: 'DELETE', url: `/api/v1/calendar-feeds/${o.feedId}` },
  // Scheduling set-up: the victim clinic's practitioner, and a real time block and service of
  // the victim's clinic (for a patient attacker, of their own clinic: staff routes refuse them).
  'GET /api/v1/practitioners/:userId/working-hours': {
    method: 'GET',
    url: `/api/v1/practitioners/${o.userId}/working-hours`,
  },
  'HEAD /api/v1/practitioners/:userId/working-hours': {
    method: 'HEAD',
    url: `/api/v1/practitioners/${o.userId}/working-hours`,
  },
  'PUT /api/v1/practitioners/:userId/working-hours': {
    method: 'PUT',
    url: `/api/v1/practitioners/${o.userId}/working-hours`,
    payload: { hours: [{ weekday: 1, startsAt: '09:00', endsAt: '17:00' }] },
  },
  'DELETE /api/v1/time-blocks/:id': { method: 'DELETE', url: `/api/v1/time-blocks/${o.blockId}` },
  'PATCH /api/v1/services/:id': { method: 'PATCH', url: `/api/v1/services/${o.serviceId}`, payload: { active: false } },
  'GET /api/v1/services/:id/settings': { method: 'GET', url: `/api/v1/services/${o.serviceId}/settings` },
  'HEAD /api/v1/services/:id/settings': { method: 'HEAD', url: `/api/v1/services/${o.serviceId}/settings` },
  'DELETE /api/v1/holidays/:day': { method: 'DELETE', url: '/api/v1/holidays/2031-01-01' },
  // Bookings: the victim's real booking; each must answer like an unknown id, audited, and
  // leave it as it was (schedulingState()).
  'GET /api/v1/bookings/:bookingId': { method: 'GET', url: `/api/v1/bookings/${o.bookingId}` },
  'HEAD /api/v1/bookings/:bookingId': { method: 'HEAD', url: `/api/v1/bookings/${o.bookingId}` },
  'PATCH /api/v1/bookings/:bookingId': {
    method: 'PATCH',
    url: `/api/v1/bookings/${o.bookingId}`,
    headers: { 'if-match': '"1"' },
    payload: { start: '2031-03-10T10:00:00-04:00', reflow: true },
  },
  'POST /api/v1/bookings/:bookingId/cancel': { method: 'POST', url: `/api/v1/bookings/${o.bookingId}/cancel` },
  'POST /api/v1/bookings/:bookingId/check-ins': {
    method: 'POST',
    url: `/api/v1/bookings/${o.bookingId}/check-ins`,
    payload: {},
  },
  // Holds and waitlist entries (added alongside this sweep by their own work): the victim's
  // booking and assessment ids stand in until fixtures of a real hold and entry exist here.
  'DELETE /api/v1/holds/:holdId': { method: 'DELETE', url: `/api/v1/holds/${o.bookingId}` },
  'DELETE /api/v1/waitlist/:entryId': { method: 'DELETE', url: `/api/v1/waitlist/${o.assessmentId}` },
  'POST /api/v1/waitlist/:entryId/offers': {
    method: 'POST',
    url: `/api/v1/waitlist/${o.assessmentId}/offers`,
    payload: { start: '2031-03-10T10:00:00-04:00', practitionerId: o.userId },
  },
});

/**
 * The comment routes. Comments are posted on the public site, so no victim owns
 * one here: the comment-id routes are aimed at the victim's article id, which
 * must answer exactly like an unknown id (test/comments.test.ts aims them at a
 * real comment of another clinic).
 */
function commentAttacks(articleId: string): Record<string, InjectOptions> {
  const comment = `/api/v1/comments/${articleId}`;
  return {
    'GET /api/v1/articles/:articleId/comments': { method: 'GET', url: `/api/v1/articles/${articleId}/comments` },
    'HEAD /api/v1/articles/:articleId/comments': { method: 'HEAD', url: `/api/v1/articles/${articleId}/comments` },
    'PUT /api/v1/comments/articles/:articleId': {
      method: 'PUT',
      url: `/api/v1/comments/articles/${articleId}`,
      payload: { commentsClosed: true },
    },
    'POST /api/v1/comments/:id/approve': { method: 'POST', url: `${comment}/approve` },
    'POST /api/v1/comments/:id/reject': { method: 'POST', url: `${comment}/reject` },
    'POST /api/v1/comments/:id/spam': { method: 'POST', url: `${comment}/spam` },
    'PATCH /api/v1/comments/:id': { method: 'PATCH', url: comment, payload: { body: 'Rewritten by a stranger' } },
    'DELETE /api/v1/comments/:id': { method: 'DELETE', url: comment },
    'POST /api/v1/comments/:id/replies': { method: 'POST', url: `${comment}/replies`, payload: { body: 'Hijacked' } },
    'POST /api/v1/comments/:id/block': { method: 'POST', url: `${comment}/block`, payload: { kind: 'email' } },
    'DELETE /api/v1/comments/blocklist/:id': { method: 'DELETE', url: `/api/v1/comments/blocklist/${articleId}` },
  };
}

/** Every article editor route aimed at someone else's article. */
function articleAttacks(articleId: string): Record<string, InjectOptions> {
  const url = `/api/v1/articles/${articleId}`;
  return {
    'GET /api/v1/articles/:articleId': { method: 'GET', url },
    'HEAD /api/v1/articles/:articleId': { method: 'HEAD', url },
    'PUT /api/v1/articles/:articleId': { method: 'PUT', url, payload: { version: 1, title: 'Taken over' } },
    'DELETE /api/v1/articles/:articleId': { method: 'DELETE', url },
    'GET /api/v1/articles/:articleId/revisions': { method: 'GET', url: `${url}/revisions` },
    'HEAD /api/v1/articles/:articleId/revisions': { method: 'HEAD', url: `${url}/revisions` },
    'GET /api/v1/articles/:articleId/revisions/:version': { method: 'GET', url: `${url}/revisions/1` },
    'HEAD /api/v1/articles/:articleId/revisions/:version': { method: 'HEAD', url: `${url}/revisions/1` },
    'POST /api/v1/articles/:articleId/publish': { method: 'POST', url: `${url}/publish`, payload: {} },
    'POST /api/v1/articles/:articleId/unpublish': { method: 'POST', url: `${url}/unpublish` },
  };
}

function idRoutes(): string[] {
  return t.app.registeredRoutes
    .filter((route) => route.url.startsWith('/api/v1/') && route.url.includes('/:'))
    .map((route) => `${route.method} ${route.url}`);
}

interface SweepResult {
  /** Requests that reached the object, or answered differently from an unknown id. */
  leaks: string[];
  /** Refusals that left no access_denied row. */
  unaudited: string[];
}

/** Aims every id route at the victim's objects and at unknown ids, and compares. */
async function sweep(attacker: Agent, attackerUserId: string, victim: Parameters<Targets>[0]): Promise<SweepResult> {
  const unknown = attacks({
    patientId: UNKNOWN_ID,
    userId: UNKNOWN_ID,
    messageId: UNKNOWN_ID,
    sessionId: UNKNOWN_ID,
    apiTokenId: UNKNOWN_ID,
    assessmentId: UNKNOWN_ID,
    articleId: UNKNOWN_ID,
    bookingId: UNKNOWN_ID,
    feedId: UNKNOWN_ID,
    blockId: UNKNOWN_ID,
    serviceId: UNKNOWN_ID,
  });
  const aimed = attacks(victim);
  const result: SweepResult = { leaks: [], unaudited: [] };
  // GET comes before HEAD for each path: HEAD has no body to tell a closed route by.
  const routes = idRoutes().sort((a, b) => Number(a.startsWith('HEAD')) - Number(b.startsWith('HEAD')));
  const closedPaths = new Set<string>();
  expect(
    routes.filter((key) => aimed[key] === undefined),
    'id routes missing from attacks()',
  ).toEqual([]);
  for (const key of routes) {
    const before = await deniedCount(attackerUserId);
    const response = await attacker.inject(aimed[key]!);
    const denied = (await deniedCount(attackerUserId)) - before;
    const baseline = await attacker.inject(unknown[key]!);
    if (![403, 404].includes(response.statusCode)) result.leaks.push(`${key}: ${response.statusCode}`);
    if (response.statusCode !== baseline.statusCode) {
      result.leaks.push(`${key}: ${response.statusCode} for the object, ${baseline.statusCode} for an unknown id`);
    } else if (response.statusCode >= 400 && response.body !== '') {
      const { requestId: _a, ...problem } = response.json<Record<string, unknown>>();
      const { requestId: _b, ...expected } = baseline.json<Record<string, unknown>>();
      if (JSON.stringify(problem) !== JSON.stringify(expected)) {
        result.leaks.push(`${key}: ${JSON.stringify(problem)} differs from ${JSON.stringify(expected)}`);
      }
    }
    // A route that is closed in this setup (the demo mailbox once a second clinic
    // exists) answers like an unknown route: nothing was reached, nothing to audit.
    const path = key.slice(key.indexOf(' ') + 1);
    if (response.body !== '' && response.json<{ code?: string }>().code === 'route_not_found') closedPaths.add(path);
    if (denied !== 1 && !closedPaths.has(path)) result.unaudited.push(`${key}: ${denied} access_denied rows`);
  }
  return result;
}

describe('patient A against patient B', () => {
  it('reaches none of B’s objects through any route with an id, and every try is audited', async () => {
    const owned = await ownedObjects(patientB);
    const { id: messageId } = await t.app.services.mailer.send({
      clinicId: demo.clinicId,
      to: 'patient2@demo.puncta.test',
      subject: 'For Riley',
      text: 'Private.',
    });
    const bPatientId = ids.patientIdOf('patient2@demo.puncta.test');
    const scheduling = await schedulingObjects(demo.clinicId, {
      patientId: bPatientId,
      practitionerId: ids.userIdOf('practitioner2@demo.puncta.test'),
      feedOwner: { patientId: bPatientId },
    });
    const before = await schedulingState(scheduling);
    const result = await sweep(patientA, ids.userIdOf('patient1@demo.puncta.test'), {
      patientId: bPatientId,
      userId: ids.userIdOf('patient2@demo.puncta.test'),
      messageId,
      ...owned,
      ...scheduling,
    });
    expect(result.leaks).toEqual([]);
    expect(result.unaudited).toEqual([]);
    // B's booking, feed, and the clinic's block and service are as they were.
    expect(await schedulingState(scheduling)).toEqual(before);
    expect(before[0]).toHaveLength(2);
    // B's session and token still work.
    expect((await patientB.inject({ method: 'GET', url: '/api/v1/me/patient' })).statusCode).toBe(200);
  });

  it('sees only their own record and log, whatever the query says', async () => {
    const b = ids.patientIdOf('patient2@demo.puncta.test');
    for (const url of [
      '/api/v1/me/patient',
      `/api/v1/me/patient?id=${b}`,
      `/api/v1/me/patient?patientId=${b}&userId=${ids.userIdOf('patient2@demo.puncta.test')}`,
      '/api/v1/me/access-log',
      `/api/v1/me/access-log?patientId=${b}`,
    ]) {
      const response = await patientA.inject({ method: 'GET', url });
      expect([200, 400], url).toContain(response.statusCode);
      expect(response.body, url).not.toMatch(/Riley|Chen|patient2@|1986-09-30/);
      expect(response.body, url).not.toContain(b);
    }
  });

  it('cannot claim B’s assessments (the id is in the body): 404 like an unknown id, audited, nothing changes', async () => {
    const request = {
      birthDate: '1990-06-15',
      fitzpatrick: 2,
      concerns: ['acne_scars'],
      areas: ['cheeks'],
      answers: {},
    };
    const origin = new URL(t.config.http.publicUrl).origin;
    const bOwn = (await patientB.inject({ method: 'POST', url: '/api/v1/assessments', payload: request })).json<{
      id: string;
    }>();
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assessments',
      headers: { origin },
      payload: request,
    });
    const bClaimed = made.json<{ id: string; claimToken: string }>();
    const claim = (agent: Agent, assessmentId: string, claimToken: string) =>
      agent.inject({ method: 'POST', url: '/api/v1/me/assessments/claims', payload: { assessmentId, claimToken } });
    expect((await claim(patientB, bClaimed.id, bClaimed.claimToken)).statusCode).toBe(200);
    const owners = async () =>
      (
        await t.database.executeSql('select id, patient_id from assessments where id = any($1) order by id', [
          [bOwn.id, bClaimed.id],
        ])
      ).rows;
    const before = await owners();
    const attacker = ids.userIdOf('patient1@demo.puncta.test');
    const validLooking = Buffer.alloc(32, 7).toString('base64url');
    const baseline = (await claim(patientA, UNKNOWN_ID, validLooking)).json<Record<string, unknown>>();
    for (const [assessmentId, token] of [
      [bOwn.id, validLooking],
      [bClaimed.id, bClaimed.claimToken],
    ] as const) {
      const denied = await deniedCount(attacker);
      const response = await claim(patientA, assessmentId, token);
      expect(response.statusCode).toBe(404);
      const { requestId: _a, ...problem } = response.json<Record<string, unknown>>();
      const { requestId: _b, ...expected } = baseline;
      expect(problem).toEqual(expected);
      expect(await deniedCount(attacker)).toBe(denied + 1);
    }
    expect(await owners()).toEqual(before);
  });

  it('cannot list patients, staff or audit events', async () => {
    for (const url of ['/api/v1/patients', '/api/v1/staff', '/api/v1/audit-events', '/api/v1/audit-events.csv']) {
      const response = await patientA.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(403);
      expect(response.body).not.toMatch(/Riley|patient2@/);
    }
  });

  it('learns nothing about B from any signed-in page it may read', async () => {
    const b = {
      patientId: ids.patientIdOf('patient2@demo.puncta.test'),
      userId: ids.userIdOf('patient2@demo.puncta.test'),
    };
    const reads = t.app.registeredRoutes.filter(
      (route) => route.method === 'GET' && route.url.startsWith('/api/v1/') && !route.url.includes(':'),
    );
    for (const route of reads) {
      const response = await patientA.inject({ method: 'GET', url: route.url });
      expect(response.body, route.url).not.toMatch(/Riley|Chen|patient2@/);
      expect(response.body, route.url).not.toContain(b.patientId);
      expect(response.body, route.url).not.toContain(b.userId);
    }
  });

  it('cannot act in a clinic that is not theirs', async () => {
    const response = await patientA.inject({
      method: 'POST',
      url: '/api/v1/auth/session/clinic',
      payload: { clinicId: sister.clinicId },
    });
    expect(response.statusCode).toBe(404);
    expect((await patientA.inject({ method: 'GET', url: '/api/v1/me/patient' })).json()).toMatchObject({
      givenName: 'Sam',
    });
  });
});

describe('staff against another clinic', () => {
  const cases = [
    { name: 'a sister clinic of the same organization', pick: () => ({ patient: sisterPatient, staff: sisterStaff }) },
    { name: 'a clinic of another organization', pick: () => ({ patient: foreignPatient, staff: foreignStaff }) },
  ];

  for (const { name, pick } of cases) {
    it(`front desk, practitioner and admin reach nothing in ${name}, and every try is audited`, async () => {
      const { patient, staff } = pick();
      const victim = staff === sisterStaff ? sisterStaffAgent : await loginAs(t, staff.email);
      const owned = await ownedObjects(victim);
      const { id: messageId } = await t.app.services.mailer.send({
        clinicId: staff === sisterStaff ? sister.clinicId : otherOrganization.clinicId,
        to: 'someone@elsewhere.test',
        subject: 'Theirs',
        text: 'Private.',
      });
      const scheduling = await schedulingObjects(staff === sisterStaff ? sister.clinicId : otherOrganization.clinicId, {
        patientId: patient.patientId,
        practitionerId: staff.userId,
        feedOwner: { userId: staff.userId },
      });
      const before = await schedulingState(scheduling);
      for (const email of ['frontdesk@demo.puncta.test', 'practitioner1@demo.puncta.test', 'admin@demo.puncta.test']) {
        const attacker = await loginAs(t, email);
        const result = await sweep(attacker, ids.userIdOf(email), {
          patientId: patient.patientId,
          userId: staff.userId,
          messageId,
          ...owned,
          ...scheduling,
        });
        expect(result.leaks, email).toEqual([]);
        expect(result.unaudited, email).toEqual([]);
      }
      // Their booking, feed, block and service are as they were.
      expect(await schedulingState(scheduling)).toEqual(before);
      // Their session survived every attempt.
      expect((await victim.inject({ method: 'GET', url: '/api/v1/auth/session' })).statusCode).toBe(200);
    });
  }

  it('files a refused patient read under that patient, in the reader’s clinic', async () => {
    const practitioner = await loginAs(t, 'practitioner1@demo.puncta.test');
    const response = await practitioner.inject({ method: 'GET', url: `/api/v1/patients/${sisterPatient.patientId}` });
    expect(response.statusCode).toBe(404);
    const rows = await t.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.requestId, response.headers['x-request-id'] as string)));
    expect(rows).toEqual([
      expect.objectContaining({
        action: 'access_denied',
        outcome: 'denied',
        clinicId: demo.clinicId,
        resourceType: 'patient',
        resourceId: sisterPatient.patientId,
        patientId: sisterPatient.patientId,
      }),
    ]);
  });

  it('cannot smuggle a clinic id in through a body', async () => {
    const admin = await loginAs(t, 'admin@demo.puncta.test');
    const practitioner2 = ids.userIdOf('practitioner2@demo.puncta.test');
    const response = await admin.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${practitioner2}`,
      payload: { role: 'practitioner', clinicId: sister.clinicId },
    });
    expect(response.statusCode).toBe(400);
    const invite = await admin.inject({
      method: 'POST',
      url: '/api/v1/staff/invitations',
      payload: { email: 'smuggle@people.test', displayName: 'S', role: 'front_desk', clinicId: sister.clinicId },
    });
    expect(invite.statusCode).toBe(400);
  });

  it('a person working in two clinics acts in one at a time', async () => {
    const both = await createStaff(t.database, { clinicId: demo.clinicId, role: 'practitioner' });
    await addMembership(t.database, { clinicId: sister.clinicId, userId: both.userId, role: 'practitioner' });
    let agent = await loginAs(t, both.email);
    const session = (await agent.inject({ method: 'GET', url: '/api/v1/auth/session' })).json<{
      clinic: { id: string };
    }>();
    const [here, there] =
      session.clinic.id === demo.clinicId
        ? [ids.patientIdOf('patient1@demo.puncta.test'), sisterPatient.patientId]
        : [sisterPatient.patientId, ids.patientIdOf('patient1@demo.puncta.test')];
    const read = (id: string) => agent.inject({ method: 'GET', url: `/api/v1/patients/${id}` });
    expect((await read(here)).statusCode).toBe(200);
    expect((await read(there)).statusCode).toBe(404);

    const switched = await agent.inject({
      method: 'POST',
      url: '/api/v1/auth/session/clinic',
      payload: { clinicId: session.clinic.id === demo.clinicId ? sister.clinicId : demo.clinicId },
    });
    expect(switched.statusCode, switched.body).toBe(200);
    agent = agentFor(t, {
      cookie: sessionCookieFrom(switched)!,
      csrfToken: switched.json<{ csrfToken: string }>().csrfToken,
      user: agent.user,
    });
    expect((await read(there)).statusCode).toBe(200);
    expect((await read(here)).statusCode).toBe(404);
  });
});

describe("the audit log stays within the admin's clinic", () => {
  it("never shows another clinic's events, even filtered by that clinic's patient or staff", async () => {
    // The sister clinic's admin reads their own patient: a row in their clinic.
    expect(
      (await sisterStaffAgent.inject({ method: 'GET', url: `/api/v1/patients/${sisterPatient.patientId}` })).statusCode,
    ).toBe(200);
    const admin = await loginAs(t, 'admin@demo.puncta.test');
    for (const query of [`patientId=${sisterPatient.patientId}`, `userId=${sisterStaff.userId}`, 'limit=200']) {
      const page = (await admin.inject({ method: 'GET', url: `/api/v1/audit-events?${query}` })).json<{
        events: { userId: string | null; action: string }[];
      }>();
      expect(page.events.some((event) => event.userId === sisterStaff.userId)).toBe(false);
      const csv = await admin.inject({ method: 'GET', url: `/api/v1/audit-events.csv?${query}` });
      expect(csv.body).not.toContain(sisterStaff.userId);
    }
    // And the other way round.
    const theirs = (await sisterStaffAgent.inject({ method: 'GET', url: '/api/v1/audit-events?limit=200' })).json<{
      events: { userId: string | null }[];
    }>();
    expect(theirs.events.length).toBeGreaterThan(0);
    expect(theirs.events.some((event) => event.userId === ids.userIdOf('admin@demo.puncta.test'))).toBe(false);
  });
});
