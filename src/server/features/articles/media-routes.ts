// GET /media/:imageId.webp: the clinic's article images, served from the
// database. An image never changes under its id, so browsers and proxies may
// keep it for a year. Visitors get the images of the clinic this node serves;
// a signed-in person those of the clinic they act in (the editor's preview).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../../db/database.ts';
import { findPublicClinic } from '../../../db/repositories/clinics.ts';
import { findSiteImageBytes } from '../../../db/repositories/site-images.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

async function clinicOf(db: Db, request: FastifyRequest): Promise<string | undefined> {
  const principal = request.principal;
  if (principal.kind === 'user') return principal.clinicId;
  return (await findPublicClinic(db))?.id;
}

export default async function mediaRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/media/:imageId.webp',
    {
      config: { access: 'public' },
      schema: {
        hide: true,
        params: z.strictObject({ imageId: z.uuid() }),
      },
    },
    async (request, reply) => {
      const { db } = app.services.database;
      const clinicId = await clinicOf(db, request);
      const image = clinicId === undefined ? undefined : await findSiteImageBytes(db, clinicId, request.params.imageId);
      if (image === undefined) return reply.callNotFound();
      return reply
        .header('cache-control', IMMUTABLE)
        .header('content-type', image.contentType)
        .header('cross-origin-resource-policy', 'same-site')
        .send(image.bytes);
    },
  );
}
