// The demo mailbox: while the demo clinic runs, staff read here every email
// Puncta wrote (sign-ups, reminders), since without SMTP nothing leaves the
// machine. Staff only: the mails hold patients' addresses and sign-in links.
// With the demo off the routes are not registered at all, so they answer like
// unknown routes to everyone, signed in or not, before any access check.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError } from '../../../domain/errors.ts';
import { findPublicClinic } from '../../../db/repositories/clinics.ts';
import { findOutboxMessage, listRecentOutboxMessages, type OutboxMessage } from '../../../db/repositories/outbox.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { requireUser } from '../../auth/require-user.ts';
import { STAFF_ROLES } from '../../auth/principal.ts';
import { problemSchema, sendProblem } from '../../plugins/problems.ts';

import {
  DEMO_MAILBOX_LIMIT,
  demoMailboxMessageSchema,
  demoMailboxSchema,
  type DemoMailboxMessage,
} from '../../../domain/contracts/demo-mailbox.ts';
import { findSoleClinic } from '../../../db/repositories/users.ts';
import { DEMO_CLINIC_SLUG, DEMO_ORGANIZATION_SLUG } from '../../../db/seed/demo-clinic.ts';

function present(message: OutboxMessage): DemoMailboxMessage {
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    attachments: message.attachments ?? [],
    status: message.status,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

/**
 * Staff see their own clinic's mail and mail that belongs to no clinic (sent
 * before an account had one). With one demo clinic that is everything.
 */
function belongsTo(message: OutboxMessage, clinicId: string): boolean {
  return message.clinicId === null || message.clinicId === clinicId;
}

export default async function demoMailboxRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  if (!options.config.demo.enabled) return;
  const staffOnly = { access: { roles: STAFF_ROLES } };

  // The mailbox holds sign-in and reset links. Once a real clinic exists beside
  // the demo one, it closes, like the demo accounts' exemption from MFA.
  app.addHook('preHandler', async (request, reply) => {
    const sole = await findSoleClinic(app.services.database.db);
    if (sole?.organizationSlug !== DEMO_ORGANIZATION_SLUG || sole.clinicSlug !== DEMO_CLINIC_SLUG) {
      return sendProblem(
        request,
        reply,
        404,
        'route_not_found',
        'The demo mailbox only exists while the demo clinic is the only clinic.',
      );
    }
  });

  app.get(
    '/demo/mailbox',
    {
      config: staffOnly,
      schema: {
        tags: ['demo'],
        summary: 'Emails Puncta wrote, newest first (demo clinic only)',
        response: { 200: demoMailboxSchema, 401: problemSchema, 403: problemSchema },
      },
    },
    async (request) => {
      const messages = await listRecentOutboxMessages(app.services.database.db, DEMO_MAILBOX_LIMIT);
      const clinicId = requireUser(request).clinicId;
      return { messages: messages.filter((message) => belongsTo(message, clinicId)).map(present) };
    },
  );

  app.get(
    '/demo/mailbox/:id',
    {
      config: staffOnly,
      schema: {
        tags: ['demo'],
        summary: 'One email from the demo mailbox',
        params: z.strictObject({ id: z.uuid() }),
        response: {
          200: demoMailboxMessageSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
    },
    async (request) => {
      const { db } = app.services.database;
      const message = await findOutboxMessage(db, request.params.id);
      if (message === undefined || !belongsTo(message, requireUser(request).clinicId)) {
        return denyAsNotFound(db, auditActor(request), {
          what: 'The message',
          resourceType: 'outbox_message',
          resourceId: request.params.id,
        });
      }
      return present(message);
    },
  );

  app.post(
    '/demo/mailbox/test-message',
    {
      config: staffOnly,
      schema: {
        tags: ['demo'],
        summary: "Send a test email to the clinic's own address, to check the mail settings",
        description:
          'The recipient is always the clinic address, never one from the request, so this cannot relay ' +
          'mail to strangers. Without SMTP the message lands in the demo mailbox.',
        body: z.strictObject({
          note: z.string().trim().min(1).max(500).optional().describe('A line to recognise this test by'),
        }),
        response: {
          201: z.object({ id: z.uuid(), mode: z.enum(['smtp', 'outbox']) }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
          413: problemSchema,
          415: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const clinic = await findPublicClinic(app.services.database.db);
      if (clinic?.email === null || clinic === undefined) {
        throw new ConflictError('clinic_email_missing', 'The clinic has no email address to send the test to.');
      }
      const { mailer } = app.services;
      const note = request.body.note ?? 'No note was given.';
      const { id } = await mailer.send({
        clinicId: clinic.id,
        to: clinic.email,
        subject: `Test message from Puncta for ${clinic.name}`,
        text: `This is a test message sent from Puncta to check that email works.\n\nNote: ${note}\n`,
      });
      return reply.code(201).send({ id, mode: mailer.mode });
    },
  );
}
