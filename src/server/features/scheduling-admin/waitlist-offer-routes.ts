// Waitlist offers (issue 6): POST /api/v1/waitlist/:entryId/offers and
// DELETE /api/v1/waitlist/:entryId for staff, GET /api/v1/me/waitlist-offers for the
// patient. Use cases: ./waitlist-offers.ts. Registered by ./routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  myWaitlistOffersResponseSchema,
  waitlistEntryParamsSchema,
  waitlistOfferBodySchema,
  waitlistOfferResponseSchema,
} from '../../../domain/contracts/holds.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { listMyOffers, offerSlot, removeWaitlistEntry } from './waitlist-offers.ts';
import { callerOf } from '../scheduling/caller.ts';

const tags = ['scheduling-admin'];
const staffOnly = { access: { roles: STAFF_ROLES } } as const;
const patientOnly = { access: { roles: ['patient'] } } as const;
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema } as const;

export default async function waitlistOfferRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/waitlist/:entryId/offers',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Offer a freed slot to a patient on the waitlist: hold it for them and email them',
        description:
          "Only when the slot's local date lies in the entry's window (409 outside_window) and, if the entry " +
          'names a practitioner, with them (409 practitioner_mismatch). The slot is held for the patient up to ' +
          '24 hours, never past the booking notice before its start; one offer at a time per entry (409 ' +
          'offer_pending). The patient accepts with POST /bookings { holdId } or declines with DELETE ' +
          '/holds/:id. The email names the clinic and the time only, with a link to /app/appointments.',
        params: waitlistEntryParamsSchema,
        body: waitlistOfferBodySchema,
        response: {
          201: waitlistOfferResponseSchema,
          ...errors,
          409: problemSchema,
          415: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const offer = await offerSlot(
        app.services.database,
        callerOf(request),
        request.params.entryId,
        request.body,
        Date.now(),
        { mailer: app.services.mailer, publicUrl: app.authSettings.config.http.publicUrl },
      );
      return reply.code(201).send(offer);
    },
  );

  app.delete(
    '/waitlist/:entryId',
    {
      config: staffOnly,
      schema: {
        tags,
        summary: 'Take an entry off the waitlist (a pending offer’s hold is released)',
        params: waitlistEntryParamsSchema,
        response: { 204: z.null(), ...errors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      await removeWaitlistEntry(app.services.database, callerOf(request), request.params.entryId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me/waitlist-offers',
    {
      config: patientOnly,
      schema: {
        tags,
        summary: 'Slots the clinic holds for me from the waitlist',
        description:
          'Accept one with POST /bookings { serviceId, start, practitionerId, holdId }; decline with ' +
          'DELETE /holds/:holdId. Lapsed offers are left out.',
        response: { 200: myWaitlistOffersResponseSchema, ...errors },
      },
    },
    async (request) => listMyOffers(app.services.database.db, callerOf(request), Date.now()),
  );
}
