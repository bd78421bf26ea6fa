// A patient's own corner: their record, who has touched it, and their
// self-assessments (assessment-routes.ts). The record is found from the session
// (user and clinic), never from anything in the request.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { listPatientAccessLog } from '../../../db/repositories/audit-queries.ts';
import { findPatientOfUser } from '../../../db/repositories/patients.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { readOwnRecord } from '../patients/reads.ts';
import { patientContactSchema } from '../patients/schemas.ts';
import meAssessmentRoutes from './assessment-routes.ts';

/** Enough for years of visits; the page shows the newest first. */
export const ACCESS_LOG_LIMIT = 500;

const accessLogSchema = z
  .object({
    events: z.array(
      z.object({
        occurredAt: z.iso.datetime(),
        actorName: z.string().nullable().describe('Null when no signed-in person acted'),
        actorRole: z.string().nullable(),
        action: z.string().describe('read, update, export, access_denied, ...'),
        outcome: z.enum(['allowed', 'denied', 'failed']),
      }),
    ),
  })
  .meta({ id: 'AccessLog' });

/** The signed-in patient's record id in the current clinic, found by their account. */
async function ownPatientId(db: Db, request: FastifyRequest): Promise<string> {
  const user = requireUser(request);
  const record = await findPatientOfUser(db, user.clinicId, user.userId);
  if (record === undefined) throw new NotFoundError('Your patient record');
  return record.id;
}

export default async function meRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const patientOnly = { access: { roles: ['patient'] } } as const;

  await app.register(meAssessmentRoutes, { config: options.config });

  app.get(
    '/me/patient',
    {
      config: patientOnly,
      schema: {
        tags: ['me'],
        summary: 'My patient record (contact details)',
        response: { 200: patientContactSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const record = await readOwnRecord(app.services.database.db, {
        clinicId: user.clinicId,
        userId: user.userId,
        actor: auditActor(request),
      });
      return patientContactSchema.parse(record);
    },
  );

  app.get(
    '/me/access-log',
    {
      config: patientOnly,
      schema: {
        tags: ['me'],
        summary: 'Who read or changed my record, or tried to, newest first',
        description: `At most the latest ${ACCESS_LOG_LIMIT} events.`,
        response: { 200: accessLogSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { db } = app.services.database;
      const entries = await listPatientAccessLog(db, await ownPatientId(db, request), ACCESS_LOG_LIMIT);
      return { events: entries.map((entry) => ({ ...entry, occurredAt: entry.occurredAt.toISOString() })) };
    },
  );
}
