// The booking API (issue 6): services, availability, bookings (create, read, list,
// move with If-Match, cancel) and treatment series (proposal, atomic booking).
// Contract: src/domain/contracts/scheduling.ts. Use cases: ./commands.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listActiveServices } from '../../../db/repositories/clinics.ts';
import {
  SCHEDULING_LIMITS,
  availabilityQuerySchema,
  availabilityResponseSchema,
  bookingListQuerySchema,
  bookingListResponseSchema,
  bookingSchema,
  createBookingBodySchema,
  createSeriesBodySchema,
  moveBookingBodySchema,
  reflowProposalSchema,
  seriesProposalBodySchema,
  seriesProposalResponseSchema,
  seriesResponseSchema,
  servicesResponseSchema,
} from '../../../domain/contracts/scheduling.ts';
import { parseInstant } from '../../../domain/scheduling/index.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema, sendProblem } from '../../plugins/problems.ts';
import { clinicForRequest } from '../assessments/routes.ts';
import checkInRoutes from './check-in-routes.ts';
import { SeriesSessionStaleError, SeriesWindowError } from './series-moves.ts';
import type { Config } from '../../../platform/config.ts';
import holdRoutes from './hold-routes.ts';
import {
  SessionConflictError,
  cancelBooking,
  createBooking,
  createSeries,
  listBookingsFor,
  moveBooking,
  proposeSeriesFor,
  readBooking,
  searchAvailability,
} from './commands.ts';
import { callerOf } from './caller.ts';

const TAGS = ['scheduling'];
const DAY_MS = 86_400_000;
const SIGNED_IN = { access: 'signed_in' } as const;
const PUBLIC = { access: 'public' } as const;

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeErrors = { ...errors, 409: problemSchema, 415: problemSchema, 422: problemSchema };

const idempotencyHeaders = z.looseObject({
  'idempotency-key': z
    .string()
    .min(1)
    .max(SCHEDULING_LIMITS.idempotencyKeyMax)
    .meta({ description: 'A fresh key (1–100 characters) per booking; a retry with the same key replays the answer.' }),
});
const bookingParams = z.strictObject({ bookingId: z.uuid() });

/** What front desk reads instead of a check-in's clinical reason (issue 3: front desk never receives clinical fields). */
export const FRONT_DESK_FLAG = 'Needs a practitioner’s review before the visit.';

/** A booking as this caller may read it: front desk sees that it is flagged, not why. */
function seenBy<T extends { flaggedReason?: string | null | undefined }>(request: FastifyRequest, view: T): T {
  if (requireUser(request).role !== 'front_desk' || view.flaggedReason === null || view.flaggedReason === undefined) {
    return view;
  }
  return { ...view, flaggedReason: FRONT_DESK_FLAG };
}

/** `"3"`, `W/"3"` or a bare 3; undefined when absent, null when it says something else. */
function versionFromIfMatch(header: string | string[] | undefined): number | undefined | null {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function etag(version: number): string {
  return `"${version}"`;
}

/** A range query: to after from, at most `maxDays` long. Sends 400 and returns undefined when not. */
function checkRange(
  request: FastifyRequest,
  reply: FastifyReply,
  from: string,
  to: string,
): { fromMs: number; toMs: number } | undefined {
  const fromMs = parseInstant(from);
  const toMs = parseInstant(to);
  if (toMs <= fromMs) {
    void sendProblem(request, reply, 400, 'invalid_range', '`to` must come after `from`.');
    return undefined;
  }
  if (toMs - fromMs > SCHEDULING_LIMITS.availabilityMaxDays * DAY_MS) {
    void sendProblem(
      request,
      reply,
      400,
      'range_too_long',
      `Ask for at most ${SCHEDULING_LIMITS.availabilityMaxDays} days at a time.`,
    );
    return undefined;
  }
  return { fromMs, toMs };
}

/** A conflict about one session of a series, with the session named in `errors`. */
function sessionProblem(request: FastifyRequest, reply: FastifyReply, error: SessionConflictError): FastifyReply {
  return sendProblem(request, reply, 409, error.code, error.message, [
    { location: 'body', path: `sessions.${error.sessionIndex}`, message: error.message },
  ]);
}

/** 409 series_window: problem+json that names the session and carries the proposal, when there is one. */
const seriesWindowProblemSchema = problemSchema
  .extend({
    proposal: reflowProposalSchema
      .optional()
      .describe('series_window only: the series with new dates for the later sessions that would leave their windows'),
  })
  .meta({ id: 'SeriesWindowProblem' });

function seriesWindowProblem(request: FastifyRequest, reply: FastifyReply, error: SeriesWindowError): FastifyReply {
  const body = {
    type: `urn:puncta:problem:${error.code}`,
    title: 'Conflict',
    status: 409,
    detail: error.message,
    code: error.code,
    requestId: request.id,
    errors: [{ location: 'body', path: `sessions.${error.sessionIndex}`, message: error.message }],
    ...(error.proposal === undefined ? {} : { proposal: error.proposal }),
  };
  return reply.code(409).type('application/problem+json').serializer(JSON.stringify).send(body);
}

export default async function schedulingRoutes(parent: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const confirm = () => ({ mailer: app.services.mailer, publicUrl: config.http.publicUrl });
  const database = () => app.services.database;
  const db = () => app.services.database.db;
  await app.register(checkInRoutes);
  await app.register(holdRoutes);

  app.get(
    '/services',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: "The clinic's bookable services",
        description: 'Duration and price are what a booking will take; the server never takes them from a client.',
        response: { 200: servicesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const clinic = await clinicForRequest(db(), request);
      const services = await listActiveServices(db(), clinic.id);
      return {
        services: services.map((service) => ({
          id: service.id,
          name: service.name,
          durationMinutes: service.durationMinutes,
          priceCents: service.priceCents,
          currency: service.currency,
          kind: service.kind,
        })),
      };
    },
  );

  app.get(
    '/availability',
    {
      config: PUBLIC,
      schema: {
        tags: TAGS,
        summary: 'Free slots for a service in [from, to), in the clinic’s time zone',
        description:
          'Times are ISO 8601 with an offset; naive timestamps are refused. At most 62 days per request. ' +
          'Each slot can be booked on its own; slots of one practitioner may overlap each other.',
        querystring: availabilityQuerySchema,
        response: { 200: availabilityResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const range = checkRange(request, reply, request.query.from, request.query.to);
      if (range === undefined) return reply;
      const clinic = await clinicForRequest(db(), request);
      return searchAvailability(
        db(),
        clinic.id,
        { serviceId: request.query.serviceId, ...range, practitionerId: request.query.practitionerId },
        Date.now(),
      );
    },
  );

  app.post(
    '/bookings',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Book a slot (Idempotency-Key required)',
        description:
          'Patients book for themselves; staff name the patient. Price and duration come from the service. ' +
          'The same key and body replay the first answer; the same key with another body is 422 ' +
          'idempotency_key_reused; a slot taken meanwhile is 409 slot_unavailable.',
        headers: idempotencyHeaders,
        body: createBookingBodySchema,
        response: { 201: bookingSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const result = await createBooking(
        database(),
        callerOf(request),
        request.body,
        request.headers['idempotency-key'],
        Date.now(),
        confirm(),
      );
      if (result.replayed) void reply.header('idempotent-replayed', 'true');
      return reply.code(result.statusCode).header('etag', etag(result.body.version)).send(result.body);
    },
  );

  app.get(
    '/bookings',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Bookings starting in [from, to): the clinic’s for staff, one’s own for a patient',
        querystring: bookingListQuerySchema,
        response: { 200: bookingListResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      const range = checkRange(request, reply, request.query.from, request.query.to);
      if (range === undefined) return reply;
      const clinic = await clinicForRequest(db(), request);
      const bookings = await listBookingsFor(db(), callerOf(request), clinic.timeZone, range);
      return { timeZone: clinic.timeZone, bookings: bookings.map((booking) => seenBy(request, booking)) };
    },
  );

  app.get(
    '/bookings/:bookingId',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'One booking (its patient or staff)',
        description: 'The ETag header carries the version, for If-Match when moving.',
        params: bookingParams,
        response: { 200: bookingSchema, ...errors },
      },
    },
    async (request, reply) => {
      const booking = await readBooking(db(), callerOf(request), request.params.bookingId);
      return reply.header('etag', etag(booking.version)).send(seenBy(request, booking));
    },
  );

  app.patch(
    '/bookings/:bookingId',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Move a booking (If-Match: "<version>" required)',
        description:
          'Without If-Match 428 precondition_required; with a stale version 412 version_conflict and nothing ' +
          'changes. Patients only outside the notice period (409 notice_period); staff may override it. ' +
          'A session of a series must stay inside its window after the previous session (409 series_window). ' +
          'When the move would put a later session outside its window, the answer is 409 series_window with ' +
          '`proposal` (new dates for those sessions) and nothing moves; send the move again with `reflow: true` ' +
          '(and, to accept exactly what was shown, `laterSessions` from the proposal) to move this session and ' +
          'the later ones in one transaction: a time taken meanwhile is 409 slot_unavailable and a later session ' +
          'changed meanwhile is 412 version_conflict, each naming the session (errors[0].path = sessions.<index>), ' +
          'and then nothing moves.',
        params: bookingParams,
        body: moveBookingBodySchema,
        response: {
          200: bookingSchema,
          ...writeErrors,
          409: seriesWindowProblemSchema,
          412: problemSchema,
          428: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match']);
      if (expected === null) {
        return sendProblem(
          request,
          reply,
          400,
          'invalid_if_match',
          'If-Match must be the booking\'s version, e.g. "3".',
        );
      }
      if (expected === undefined) {
        return sendProblem(
          request,
          reply,
          428,
          'precondition_required',
          'Send the version you saw as If-Match: "<version>", so a move never overwrites someone else’s.',
        );
      }
      let outcome;
      try {
        outcome = await moveBooking(
          database(),
          callerOf(request),
          request.params.bookingId,
          expected,
          request.body,
          Date.now(),
        );
      } catch (error) {
        if (error instanceof SeriesWindowError) return seriesWindowProblem(request, reply, error);
        if (error instanceof SessionConflictError) return sessionProblem(request, reply, error);
        if (error instanceof SeriesSessionStaleError) {
          return sendProblem(request, reply, 412, 'version_conflict', error.message, [
            { location: 'body', path: `sessions.${error.sessionIndex}`, message: error.message },
          ]);
        }
        throw error;
      }
      if (outcome.kind === 'stale') {
        return sendProblem(
          request,
          reply,
          412,
          'version_conflict',
          `This booking changed meanwhile (it is at version ${outcome.currentVersion}, you sent ${expected}). Reload it.`,
        );
      }
      return reply.header('etag', etag(outcome.booking.version)).send(seenBy(request, outcome.booking));
    },
  );

  app.post(
    '/bookings/:bookingId/cancel',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Cancel a booking: its time is free again',
        description:
          'No body. Patients only outside the cancellation notice (409 notice_period); staff may override it. ' +
          'An optional If-Match is honoured (412 when stale).',
        params: bookingParams,
        response: { 200: bookingSchema, ...writeErrors, 412: problemSchema },
      },
    },
    async (request, reply) => {
      const expected = versionFromIfMatch(request.headers['if-match']);
      if (expected === null) {
        return sendProblem(
          request,
          reply,
          400,
          'invalid_if_match',
          'If-Match must be the booking\'s version, e.g. "3".',
        );
      }
      const outcome = await cancelBooking(
        database(),
        callerOf(request),
        request.params.bookingId,
        expected,
        Date.now(),
      );
      if (outcome.kind === 'stale') {
        return sendProblem(
          request,
          reply,
          412,
          'version_conflict',
          `This booking changed meanwhile (it is at version ${outcome.currentVersion}). Reload it.`,
        );
      }
      return reply.header('etag', etag(outcome.booking.version)).send(seenBy(request, outcome.booking));
    },
  );

  app.post(
    '/series/proposals',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Propose dates for a whole treatment series',
        description:
          'The earliest series whose sessions each fall minGapDays–maxGapDays after the previous one. ' +
          '409 series_unavailable names the session (errors[0].path = sessions.<index>). Books nothing.',
        body: seriesProposalBodySchema,
        response: { 200: seriesProposalResponseSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      try {
        return await proposeSeriesFor(db(), requireUser(request).clinicId, request.body, Date.now());
      } catch (error) {
        if (error instanceof SessionConflictError) return sessionProblem(request, reply, error);
        throw error;
      }
    },
  );

  app.post(
    '/series',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Book a treatment series: every session or none (Idempotency-Key required)',
        description:
          'Gaps are checked again on the server (422 series_gap). A session taken meanwhile is 409 ' +
          'slot_unavailable naming it (errors[0].path = sessions.<index>), and nothing is booked.',
        headers: idempotencyHeaders,
        body: createSeriesBodySchema,
        response: { 201: seriesResponseSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      try {
        const result = await createSeries(
          database(),
          callerOf(request),
          request.body,
          request.headers['idempotency-key'],
          Date.now(),
          confirm(),
        );
        if (result.replayed) void reply.header('idempotent-replayed', 'true');
        return await reply.code(result.statusCode).send(result.body);
      } catch (error) {
        if (error instanceof SessionConflictError) return sessionProblem(request, reply, error);
        throw error;
      }
    },
  );
}
