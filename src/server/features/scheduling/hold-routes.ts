// POST /api/v1/holds and DELETE /api/v1/holds/:holdId (issue 6): hold a slot while
// the patient confirms, then book it with POST /api/v1/bookings { holdId }.
// Use cases: ./holds.ts. Registered by ./routes.ts.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createHoldBodySchema, holdParamsSchema, holdSchema } from '../../../domain/contracts/holds.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { createHold, releaseHold } from './holds.ts';
import { callerOf } from './caller.ts';

const TAGS = ['scheduling'];
const SIGNED_IN = { access: 'signed_in' } as const;
const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };

export default async function holdRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const database = () => app.services.database;

  app.post(
    '/holds',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Hold a slot for a few minutes while the patient confirms',
        description:
          'Checked exactly as POST /bookings checks a slot. The hold occupies the time until expiresAt (the ' +
          'clinic’s hold_minutes booking rule); book it with POST /bookings { holdId }. Patients hold for ' +
          'themselves; staff name the patient. 409 slot_unavailable when the time is taken; 409 ' +
          'too_many_holds when the patient already holds 3 times.',
        body: createHoldBodySchema,
        response: { 201: holdSchema, ...errors, 409: problemSchema, 415: problemSchema, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const { hold } = await createHold(database(), callerOf(request), request.body, Date.now());
      return reply.code(201).send(hold);
    },
  );

  app.delete(
    '/holds/:holdId',
    {
      config: SIGNED_IN,
      schema: {
        tags: TAGS,
        summary: 'Release a hold: its time is free again',
        description:
          'A patient releases their own holds; staff any of the clinic’s. Anyone else’s answers 404 like an ' +
          'unknown id. Releasing a waitlist offer declines it; the entry keeps waiting.',
        params: holdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await releaseHold(database(), callerOf(request), request.params.holdId);
      return reply.code(204).send(null);
    },
  );
}
