// The audit log for clinic admins: a filtered, paged view and a CSV export.
// Only the admin's current clinic is ever read; the clinic is not a filter.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditEvents, type AuditEventRow, type AuditFilters } from '../../../db/repositories/audit-queries.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { exportAuditEvents } from './export.ts';

export const AUDIT_PAGE_DEFAULT = 50;
export const AUDIT_PAGE_MAX = 200;

// Strict: a misspelt filter (patient_id) must fail, not silently show everything.
const filterQuery = z.strictObject({
  patientId: z.uuid().optional(),
  userId: z.uuid().optional(),
  action: z
    .string()
    .regex(/^[a-z_]{1,64}$/)
    .optional()
    .describe('e.g. read, export, access_denied'),
  from: z.iso.datetime({ offset: true }).optional().describe('Inclusive'),
  to: z.iso.datetime({ offset: true }).optional().describe('Exclusive'),
});

const pageQuery = filterQuery.extend({
  cursor: z
    .string()
    .max(200)
    .optional()
    .refine((text) => text === undefined || decodeCursor(text) !== undefined, 'is not a cursor from this API')
    .describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
});

const auditEventSchema = z
  .object({
    id: z.uuid(),
    occurredAt: z.iso.datetime(),
    userId: z.uuid().nullable(),
    actorName: z.string().nullable(),
    role: z.string().nullable(),
    action: z.string(),
    resourceType: z.string().nullable(),
    resourceId: z.string().nullable(),
    patientId: z.uuid().nullable(),
    requestId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    outcome: z.enum(['allowed', 'denied', 'failed']),
  })
  .meta({ id: 'AuditEvent' });

const auditPageSchema = z
  .object({
    events: z.array(auditEventSchema).describe('Newest first'),
    nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
  })
  .meta({ id: 'AuditEventPage' });

function filtersOf(request: FastifyRequest, query: z.infer<typeof filterQuery>): AuditFilters {
  return {
    clinicId: requireUser(request).clinicId,
    patientId: query.patientId,
    userId: query.userId,
    action: query.action,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
  };
}

function present({ cursor: _cursor, ...event }: AuditEventRow): z.infer<typeof auditEventSchema> {
  return { ...event, occurredAt: event.occurredAt.toISOString() };
}

export default async function auditRoutes(parent: FastifyInstance, _options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const adminOnly = { access: { roles: ['clinic_admin'] } } as const;

  app.get(
    '/audit-events',
    {
      config: adminOnly,
      schema: {
        tags: ['audit'],
        summary: "The clinic's audit log, newest first, filtered and paged",
        querystring: pageQuery,
        response: { 200: auditPageSchema, 400: problemSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const { cursor, limit, ...filters } = request.query;
      // One more than asked tells whether another page exists.
      const rows = await listAuditEvents(app.services.database.db, filtersOf(request, filters), {
        after: cursor === undefined ? undefined : decodeCursor(cursor),
        limit: limit + 1,
      });
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        events: page.map(present),
        nextCursor: rows.length > limit && last !== undefined ? encodeCursor(last.cursor) : null,
      };
    },
  );

  app.get(
    '/audit-events.csv',
    {
      config: adminOnly,
      schema: {
        tags: ['audit'],
        summary: "The clinic's audit log as CSV, with the same filters",
        description:
          'The export is itself recorded as an `export` event. Cells that a spreadsheet would read as a ' +
          'formula start with an apostrophe. 422 export_too_large above 50 000 events.',
        querystring: filterQuery,
        response: {
          200: {
            description: 'CSV, UTF-8, CRLF line ends, one header row',
            content: { 'text/csv': { schema: z.string() } },
          },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const csv = await exportAuditEvents(
        app.services.database.db,
        auditActor(request),
        filtersOf(request, request.query),
      );
      const day = new Date().toISOString().slice(0, 10);
      return (
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-events-${day}.csv"`)
          // The text is the body as it is: the JSON serializer would wrap it in quotes.
          .serializer(String)
          .send(csv)
      );
    },
  );
}
