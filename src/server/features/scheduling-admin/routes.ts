// Scheduling set-up for staff (issue 6): weekly hours, time blocks and time off,
// booking rules, service settings, holidays, the waitlist and who could take a
// freed slot; plus the calendar's resources (practitioners, rooms, devices).
// All of it acts in the caller's current clinic, taken from the session.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bookingRulesResponseSchema,
  bookingRulesSchema,
  calendarResourcesResponseSchema,
  holidayBodySchema,
  holidayListResponseSchema,
  holidaySchema,
  localDateSchema,
  practitionerListResponseSchema,
  serviceSettingsBodySchema,
  serviceSettingsListResponseSchema,
  serviceSettingsSchema,
  timeBlockBodySchema,
  timeBlockListQuerySchema,
  timeBlockListResponseSchema,
  timeBlockSchema,
  waitlistBodySchema,
  waitlistEntrySchema,
  waitlistListResponseSchema,
  waitlistOffersQuerySchema,
  workingHoursBodySchema,
  workingHoursResponseSchema,
} from '../../../domain/contracts/scheduling-admin.ts';
import { formatInstant, parseInstant, waitlistCandidates } from '../../../domain/scheduling/index.ts';
import {
  DEFAULT_BOOKING_RULES,
  findBookingRules,
  findClinicTimeZone,
  findServiceSettings,
  listDevices,
  listHolidays,
  listOpenWaitlist,
  listPractitioners,
  listRooms,
  listServiceSettings,
  listTimeBlocks,
  listTreatingStaff,
  listWorkingHours,
  type TimeBlockRow,
  type WaitlistRow,
} from '../../../db/repositories/scheduling-admin.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { problemSchema } from '../../plugins/problems.ts';
import {
  addHoliday,
  addToWaitlist,
  changeServiceSettings,
  createTimeBlock,
  readableWorkingHoursOwner,
  removeHoliday,
  removeTimeBlock,
  requireService,
  setBookingRules,
  setWorkingHours,
  type SchedulingAdminContext,
} from './commands.ts';
import { presentOfferSummary, waitingEntry } from './waitlist-offers.ts';
import waitlistOfferRoutes from './waitlist-offer-routes.ts';

const staffOnly = { access: { roles: STAFF_ROLES } } as const;
const adminOnly = { access: { roles: ['clinic_admin'] } } as const;
const practitionerOrAdmin = { access: { roles: ['practitioner', 'clinic_admin'] } } as const;

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema } as const;
const writeErrors = { ...errors, 404: problemSchema, 415: problemSchema } as const;

function context(request: FastifyRequest): SchedulingAdminContext {
  const user = requireUser(request);
  return { clinicId: user.clinicId, userId: user.userId, role: user.role, actor: auditActor(request) };
}

function presentBlock(zone: string, block: TimeBlockRow): z.infer<typeof timeBlockSchema> {
  return {
    id: block.id,
    practitionerId: block.practitionerId,
    roomId: block.roomId,
    deviceId: block.deviceId,
    start: formatInstant(zone, block.startsAt.getTime()),
    end: formatInstant(zone, block.endsAt.getTime()),
    note: block.note,
  };
}

function presentEntry(entry: WaitlistRow): z.infer<typeof waitlistEntrySchema> {
  const { createdAt, offerStatus, offerStartsAt, offerExpiresAt, offeredAt, ...rest } = entry;
  return {
    ...rest,
    waitingSince: createdAt.toISOString(),
    offer: presentOfferSummary({ offerStatus, offerStartsAt, offerExpiresAt, offeredAt }, Date.now()),
  };
}

export default async function schedulingAdminRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = () => app.services.database.db;
  const tags = ['scheduling-admin'];

  // --- calendar resources -----------------------------------------------------

  app.get(
    '/calendar/resources',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "The clinic's practitioners, rooms and devices: the calendar's columns",
        response: { 200: calendarResourcesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { clinicId } = requireUser(request);
      const [timeZone, practitioners, rooms, devices] = await Promise.all([
        findClinicTimeZone(db(), clinicId),
        listPractitioners(db(), clinicId),
        listRooms(db(), clinicId),
        listDevices(db(), clinicId),
      ]);
      return {
        timeZone,
        practitioners: practitioners.map((practitioner) => ({
          id: practitioner.userId,
          name: practitioner.displayName,
        })),
        rooms,
        devices,
      };
    },
  );

  app.get(
    '/practitioners',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Who may keep hours and give services: practitioners and clinic admins',
        description:
          'Active practitioners and clinic admins (who may treat too), by name. givesServices says whether the ' +
          'person is named on at least one service; the calendar shows a clinic admin only then.',
        response: { 200: practitionerListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { clinicId } = requireUser(request);
      const [timeZone, staff] = await Promise.all([
        findClinicTimeZone(db(), clinicId),
        listTreatingStaff(db(), clinicId),
      ]);
      return {
        timeZone,
        practitioners: staff.map((person) => ({
          id: person.userId,
          name: person.displayName,
          role: person.role,
          givesServices: person.givesServices,
        })),
      };
    },
  );

  // --- working hours ------------------------------------------------------------

  const userParams = z.strictObject({ userId: z.uuid() });

  app.get(
    '/practitioners/:userId/working-hours',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "A practitioner's weekly hours (wall-clock times in the clinic's zone)",
        params: userParams,
        response: { 200: workingHoursResponseSchema, ...errors, 404: problemSchema },
      },
    },
    async (request) => {
      const ctx = context(request);
      await readableWorkingHoursOwner(db(), ctx, request.params.userId);
      const [timeZone, hours] = await Promise.all([
        findClinicTimeZone(db(), ctx.clinicId),
        listWorkingHours(db(), ctx.clinicId, request.params.userId),
      ]);
      return { userId: request.params.userId, timeZone, hours };
    },
  );

  app.put(
    '/practitioners/:userId/working-hours',
    {
      config: practitionerOrAdmin,
      schema: {
        tags,
        summary: "Replace a practitioner's weekly hours",
        description:
          'A practitioner changes their own hours (403 not_your_hours otherwise); a clinic admin anyone’s. ' +
          'Weekdays 1 (Monday) to 7 (Sunday), times HH:MM, spans of one day must not overlap. The whole week ' +
          'is replaced at once.',
        params: userParams,
        body: workingHoursBodySchema,
        response: { 200: workingHoursResponseSchema, ...writeErrors },
      },
    },
    async (request) => {
      const ctx = context(request);
      await setWorkingHours(db(), ctx, request.params.userId, request.body.hours);
      const [timeZone, hours] = await Promise.all([
        findClinicTimeZone(db(), ctx.clinicId),
        listWorkingHours(db(), ctx.clinicId, request.params.userId),
      ]);
      return { userId: request.params.userId, timeZone, hours };
    },
  );

  // --- time blocks ------------------------------------------------------------------

  app.get(
    '/time-blocks',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Active time blocks overlapping [from, to), optionally of one practitioner (their time off)',
        querystring: timeBlockListQuerySchema,
        response: { 200: timeBlockListResponseSchema, ...errors },
      },
    },
    async (request) => {
      const { clinicId } = requireUser(request);
      const timeZone = await findClinicTimeZone(db(), clinicId);
      const from = new Date(parseInstant(request.query.from));
      const to = new Date(parseInstant(request.query.to));
      const blocks = await listTimeBlocks(db(), clinicId, from, to, request.query.practitionerId);
      return { timeZone, blocks: blocks.map((block) => presentBlock(timeZone, block)) };
    },
  );

  app.post(
    '/time-blocks',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Block time for a practitioner, room or device (time off is a block on the practitioner)',
        description:
          'Occupies exactly [start, end). 409 slot_unavailable when it overlaps an active booking or block of ' +
          'the same practitioner, room or device (the database refuses the overlap).',
        body: timeBlockBodySchema,
        response: { 201: timeBlockSchema, ...writeErrors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const ctx = context(request);
      const block = await createTimeBlock(db(), ctx, request.body);
      const timeZone = await findClinicTimeZone(db(), ctx.clinicId);
      return reply.code(201).send(presentBlock(timeZone, block));
    },
  );

  app.delete(
    '/time-blocks/:id',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Remove a time block (it frees the time)',
        params: z.strictObject({ id: z.uuid() }),
        response: { 204: z.null(), ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await removeTimeBlock(db(), context(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  // --- booking rules -----------------------------------------------------------------

  app.get(
    '/booking-rules',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "The clinic's booking rules (the defaults until an admin saves them)",
        response: { 200: bookingRulesResponseSchema, ...errors },
      },
    },
    async (request) => {
      const stored = await findBookingRules(db(), requireUser(request).clinicId);
      if (stored === undefined) return { rules: DEFAULT_BOOKING_RULES, customised: false, updatedAt: null };
      const { updatedAt, ...rules } = stored;
      return { rules, customised: true, updatedAt: updatedAt.toISOString() };
    },
  );

  app.put(
    '/booking-rules',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: "Replace the clinic's booking rules",
        body: bookingRulesSchema,
        response: { 200: bookingRulesResponseSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { updatedAt, ...rules } = await setBookingRules(db(), context(request), request.body);
      return { rules, customised: true, updatedAt: updatedAt.toISOString() };
    },
  );

  // --- services ----------------------------------------------------------------------

  app.get(
    '/service-settings',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Every service of the clinic with its scheduling settings, inactive ones too',
        description:
          'Name, kind, duration, buffers, price, whether it is bookable, the room and device it needs, and who ' +
          'gives it. No clinical detail.',
        response: { 200: serviceSettingsListResponseSchema, ...errors },
      },
    },
    async (request) => ({ services: await listServiceSettings(db(), requireUser(request).clinicId) }),
  );

  app.patch(
    '/services/:id',
    {
      config: adminOnly,
      schema: {
        tags,
        summary:
          "Change a service's name, kind, duration, buffers, price, whether it is bookable, the room and device " +
          'it needs, and who gives it',
        description:
          'Only the fields given change. practitionerIds, when given, replaces the whole list. deviceClass null ' +
          'means no device. Bookings already made keep their price, times, room and device.',
        params: z.strictObject({ id: z.uuid() }),
        body: serviceSettingsBodySchema,
        response: { 200: serviceSettingsSchema, ...writeErrors },
      },
    },
    async (request) => changeServiceSettings(db(), context(request), request.params.id, request.body),
  );

  app.get(
    '/services/:id/settings',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: "A service's scheduling settings, with the practitioners who give it",
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: serviceSettingsSchema, ...errors, 404: problemSchema },
      },
    },
    async (request) => {
      const ctx = context(request);
      await requireService(db(), ctx, request.params.id);
      return (await findServiceSettings(db(), ctx.clinicId, request.params.id))!;
    },
  );

  // --- holidays -------------------------------------------------------------------------

  app.get(
    '/holidays',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Days the clinic is closed (local dates)',
        response: { 200: holidayListResponseSchema, ...errors },
      },
    },
    async (request) => ({ holidays: await listHolidays(db(), requireUser(request).clinicId) }),
  );

  app.post(
    '/holidays',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Close the clinic on a day (renames the holiday when the day is already one)',
        body: holidayBodySchema,
        response: { 201: holidaySchema, ...writeErrors },
      },
    },
    async (request, reply) => reply.code(201).send(await addHoliday(db(), context(request), request.body)),
  );

  app.delete(
    '/holidays/:day',
    {
      config: adminOnly,
      schema: {
        tags,
        summary: 'Open the clinic again on a day',
        params: z.strictObject({ day: localDateSchema }),
        response: { 204: z.null(), ...errors, 404: problemSchema },
      },
    },
    async (request, reply) => {
      await removeHoliday(db(), context(request), request.params.day);
      return reply.code(204).send(null);
    },
  );

  // --- waitlist ----------------------------------------------------------------------------

  await app.register(waitlistOfferRoutes);

  app.get(
    '/waitlist',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Open waitlist entries, longest waiting first',
        response: { 200: waitlistListResponseSchema, ...errors },
      },
    },
    async (request) => ({
      entries: (await listOpenWaitlist(db(), requireUser(request).clinicId)).map(presentEntry),
    }),
  );

  app.post(
    '/waitlist',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Put a patient on the waitlist for a service, within a window of local dates',
        body: waitlistBodySchema,
        response: { 201: waitlistEntrySchema, ...writeErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(presentEntry(await addToWaitlist(db(), context(request), request.body))),
  );

  app.get(
    '/waitlist/offers',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Who on the waitlist could take this freed slot',
        description:
          "Entries for the service whose window contains the slot's local date and whose practitioner, if " +
          'named, gives it; longest waiting first.',
        querystring: waitlistOffersQuerySchema,
        response: { 200: waitlistListResponseSchema, ...errors, 404: problemSchema },
      },
    },
    async (request) => {
      const ctx = context(request);
      const { start, practitionerId, serviceId } = request.query;
      await requireService(db(), ctx, serviceId);
      const [timeZone, open] = await Promise.all([
        findClinicTimeZone(db(), ctx.clinicId),
        listOpenWaitlist(db(), ctx.clinicId, serviceId),
      ]);
      const byId = new Map(open.map((entry) => [entry.id, entry]));
      const candidates = waitlistCandidates(
        { serviceId, start, end: start, practitionerId, roomId: '', deviceId: null },
        open.map(waitingEntry),
        { timeZone },
      );
      return { entries: candidates.map((candidate) => presentEntry(byId.get(candidate.id)!)) };
    },
  );
}
