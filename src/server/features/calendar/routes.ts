// Calendar files (issue 6, item 3):
// - GET /api/v1/bookings/:id.ics: one appointment as an iCalendar file, for the
//   booking's patient and for staff of its clinic; anyone else gets the 404 an
//   unknown id gets, on the record (access_denied).
// - POST/GET /api/v1/calendar-feeds, DELETE /api/v1/calendar-feeds/:id: a private
//   feed per practitioner or per patient. The token (32 random bytes, base64url) is
//   shown once, in the URL of the 201 answer; only its SHA-256 is stored.
// - GET /calendar/:token.ics: the feed itself, public by its secret, with the
//   active appointments from 30 days ago to 365 days ahead. Unknown, revoked and
//   malformed tokens are all the same 404. Request lines of this route are not
//   logged (the token is in the path).
// Files come from src/domain/scheduling/ics.ts: the clinic's VTIMEZONE, local
// times with TZID, and no service or clinical detail in SUMMARY/DESCRIPTION.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import {
  findAppointmentForCalendar,
  findLiveFeedByTokenHash,
  insertCalendarFeed,
  listCalendarFeeds,
  listFeedAppointments,
  revokeCalendarFeed,
  toDomainBooking,
  toIcsClinic,
  type FeedOwner,
} from '../../../db/repositories/calendar.ts';
import { ForbiddenError } from '../../../domain/errors.ts';
import { bookingToIcs, bookingsToIcsFeed } from '../../../domain/scheduling/ics.ts';
import type { Config } from '../../../platform/config.ts';
import { randomToken, sha256Hex } from '../../../platform/secrets.ts';
import { auditActor } from '../../audit/actor.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import type { UserPrincipal } from '../../auth/principal.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** What a feed serves, around now. */
export const FEED_DAYS_BEHIND = 30;
export const FEED_DAYS_AHEAD = 365;
/** Calendar apps poll; five minutes of staleness is fine and spares the database. */
const FEED_CACHE_CONTROL = 'private, max-age=300';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const ICS_TYPE = 'text/calendar; charset=utf-8';
const icsResponse = {
  description: 'iCalendar (RFC 5545), UTF-8, CRLF line ends, with the clinic’s VTIMEZONE',
  content: { 'text/calendar': { schema: z.string() } },
};

const feedSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CalendarFeed' });

const feedCreatedSchema = z
  .object({
    id: z.uuid(),
    url: z.url().describe('The secret feed address; shown only now. Subscribe to it in a calendar app.'),
  })
  .meta({ id: 'CalendarFeedCreated' });

const feedListSchema = z.object({ feeds: z.array(feedSchema).describe('Live feeds, oldest first') });
const uuidParams = z.strictObject({ id: z.uuid() });
const noContent = z.null().describe('No content');

/** Whose feed a signed-in caller manages: a patient's own, or the practitioner's. */
function ownerOf(principal: UserPrincipal): FeedOwner {
  if (principal.role === 'patient') {
    // A patient principal carries their record in this clinic; fail closed if it does not.
    if (principal.patientId === null) throw new ForbiddenError('forbidden', 'No patient record in this clinic.');
    return { clinicId: principal.clinicId, patientId: principal.patientId };
  }
  return { clinicId: principal.clinicId, userId: principal.userId };
}

export default async function calendarRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const calendarDomain = new URL(config.http.publicUrl).hostname;
  const feedOwners = { access: { roles: ['patient', 'practitioner'] } } as const;

  app.get(
    '/api/v1/bookings/:id.ics',
    {
      config: { access: 'signed_in' },
      schema: {
        tags: ['scheduling'],
        summary: 'One appointment as a calendar file',
        description:
          'For the booking’s patient and for staff of its clinic; others get 404. A cancelled booking ' +
          'answers with STATUS:CANCELLED, so importing it again removes the event. No service or clinical ' +
          'detail is written.',
        params: uuidParams,
        response: { 200: icsResponse, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { db } = app.services.database;
      const actor = auditActor(request);
      const found = await findAppointmentForCalendar(db, request.params.id);
      const staff = principal.role !== 'patient';
      const allowed =
        found !== undefined &&
        found.booking.clinicId === principal.clinicId &&
        (staff || (principal.patientId !== null && found.booking.patientId === principal.patientId));
      if (!allowed) {
        return denyAsNotFound(db, actor, {
          what: 'The booking',
          resourceType: 'booking',
          resourceId: request.params.id,
        });
      }
      if (staff) {
        await recordAuditEvent(db, actor, {
          action: 'read',
          outcome: 'allowed',
          resourceType: 'booking',
          resourceId: found.booking.id,
          patientId: found.booking.patientId ?? undefined,
        });
      }
      const text = bookingToIcs(toDomainBooking(found.booking), toIcsClinic(found.clinic, calendarDomain));
      return reply
        .type(ICS_TYPE)
        .header('content-disposition', 'attachment; filename="appointment.ics"')
        .header('cache-control', 'private, no-store')
        .serializer(String)
        .send(text);
    },
  );

  app.post(
    '/api/v1/calendar-feeds',
    {
      config: feedOwners,
      schema: {
        tags: ['scheduling'],
        summary: 'Create a private calendar feed of your appointments',
        description:
          'A practitioner’s feed lists the appointments they give, a patient’s their own. The URL holds a ' +
          'secret and is shown only in this answer; revoke the feed if it leaks. No body.',
        response: { 201: feedCreatedSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { db } = app.services.database;
      const token = randomToken(32);
      const id = await db.transaction(async (tx) => {
        const created = await insertCalendarFeed(tx, ownerOf(principal), sha256Hex(token));
        await recordAuditEvent(tx, auditActor(request), {
          action: 'create',
          outcome: 'allowed',
          resourceType: 'calendar_feed',
          resourceId: created,
        });
        return created;
      });
      return reply.code(201).send({ id, url: `${config.http.publicUrl}/calendar/${token}.ics` });
    },
  );

  app.get(
    '/api/v1/calendar-feeds',
    {
      config: feedOwners,
      schema: {
        tags: ['scheduling'],
        summary: 'Your live calendar feeds (never their secret URLs)',
        response: { 200: feedListSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const feeds = await listCalendarFeeds(app.services.database.db, ownerOf(requireUser(request)));
      return { feeds: feeds.map((feed) => ({ id: feed.id, createdAt: feed.createdAt.toISOString() })) };
    },
  );

  app.delete(
    '/api/v1/calendar-feeds/:id',
    {
      config: feedOwners,
      schema: {
        tags: ['scheduling'],
        summary: 'Revoke one of your calendar feeds: its URL answers 404 from now on',
        params: uuidParams,
        response: { 204: noContent, 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      const { db } = app.services.database;
      const actor = auditActor(request);
      const revoked = await db.transaction(async (tx) => {
        if (!(await revokeCalendarFeed(tx, ownerOf(principal), request.params.id))) return false;
        await recordAuditEvent(tx, actor, {
          action: 'delete',
          outcome: 'allowed',
          resourceType: 'calendar_feed',
          resourceId: request.params.id,
        });
        return true;
      });
      if (!revoked) {
        await denyAsNotFound(db, actor, {
          what: 'The calendar feed',
          resourceType: 'calendar_feed',
          resourceId: request.params.id,
        });
      }
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/calendar/:token.ics',
    {
      config: { access: 'public' },
      // No request lines at info level: the path is the secret.
      logLevel: 'warn',
      schema: { hide: true, params: z.strictObject({ token: z.string().max(200) }) },
    },
    async (request, reply) => {
      const { token } = request.params;
      if (!TOKEN_PATTERN.test(token)) return reply.callNotFound();
      const { db } = app.services.database;
      const feed = await findLiveFeedByTokenHash(db, sha256Hex(token));
      if (feed === undefined) return reply.callNotFound();
      const now = Date.now();
      const rows = await listFeedAppointments(db, feed, {
        from: new Date(now - FEED_DAYS_BEHIND * DAY_MS),
        to: new Date(now + FEED_DAYS_AHEAD * DAY_MS),
      });
      const text = bookingsToIcsFeed(rows.map(toDomainBooking), toIcsClinic(feed.clinic, calendarDomain), {
        name: `${feed.clinic.name} appointments`,
      });
      return reply
        .type(ICS_TYPE)
        .header('cache-control', FEED_CACHE_CONTROL)
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .serializer(String)
        .send(text);
    },
  );
}
