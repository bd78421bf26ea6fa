// GET /api/v1/clinic: who the clinic is, what it offers and who treats there.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NotFoundError } from '../../../domain/errors.ts';
import { findPublicClinic, listActiveServices, listPractitioners } from '../../../db/repositories/clinics.ts';
import { problemSchema } from '../../plugins/problems.ts';

export const publicClinicSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    organizationName: z.string(),
    timeZone: z.string().describe('IANA time zone of the clinic, e.g. America/New_York'),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    addressLines: z.array(z.string()),
    services: z.array(
      z.object({
        id: z.uuid(),
        code: z.string(),
        name: z.string(),
        kind: z.enum(['consultation', 'treatment']),
        description: z.string(),
        durationMinutes: z.number().int(),
        priceCents: z.number().int().describe('Price in minor units of currency'),
        currency: z.string(),
      }),
    ),
    practitioners: z.array(
      z.object({ userId: z.uuid(), displayName: z.string(), title: z.string().nullable(), bio: z.string().nullable() }),
    ),
  })
  .meta({ id: 'PublicClinic' });

export default async function clinicRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/clinic',
    {
      config: { access: 'public' },
      schema: {
        tags: ['clinic'],
        summary: "The clinic's public profile, service menu with prices, and practitioners",
        response: { 200: publicClinicSchema, 404: problemSchema },
      },
    },
    async () => {
      const { db } = app.services.database;
      const clinic = await findPublicClinic(db);
      if (clinic === undefined) throw new NotFoundError('The clinic');
      const [services, practitioners] = await Promise.all([
        listActiveServices(db, clinic.id),
        listPractitioners(db, clinic.id),
      ]);
      return { ...clinic, services, practitioners };
    },
  );
}
