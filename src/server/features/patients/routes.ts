// Patient records for the clinic's staff. Everything is scoped to the clinic of
// the signed-in staff member; another clinic's patient answers 404.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { listPatients, readPatient, type ReadContext } from './reads.ts';
import { patientClinicalSchema, patientContactSchema, patientSummarySchema, presentPatient } from './schemas.ts';

function readContext(request: FastifyRequest): ReadContext {
  return { clinicId: requireUser(request).clinicId, actor: auditActor(request) };
}

export default async function patientsRoutes(parent: FastifyInstance, _options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const staffOnly = { access: { roles: STAFF_ROLES } };

  app.get(
    '/patients',
    {
      config: staffOnly,
      schema: {
        tags: ['patients'],
        summary: "The clinic's patients, with contact details only",
        response: {
          200: z.object({ patients: z.array(patientSummarySchema) }).meta({ id: 'PatientList' }),
          401: problemSchema,
          403: problemSchema,
        },
      },
    },
    async (request) => ({ patients: await listPatients(app.services.database.db, readContext(request)) }),
  );

  app.get(
    '/patients/:id',
    {
      config: staffOnly,
      schema: {
        tags: ['patients'],
        summary: "One patient's record",
        description:
          'Practitioners and clinic admins get PatientClinical; front desk gets PatientContact, without ' +
          'clinicalNotes. A patient of another clinic answers 404 like an unknown id.',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          // Clinical first: the serializer takes the first shape that fits, and the
          // handler has already cut a front desk answer down to the contact shape.
          200: z.union([patientClinicalSchema, patientContactSchema]),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const record = await readPatient(app.services.database.db, readContext(request), request.params.id);
      return presentPatient(record, requireUser(request).role);
    },
  );
}
