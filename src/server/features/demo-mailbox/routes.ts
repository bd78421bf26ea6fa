// The demo mailbox: while the demo clinic runs, staff read here every email
// Puncta wrote (sign-ups, reminders), since without SMTP nothing leaves the
// machine. With the demo off these routes answer exactly like unknown routes.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../../../domain/errors.ts';
import { findPublicClinic } from '../../../db/repositories/clinics.ts';
import { findOutboxMessage, listRecentOutboxMessages, type OutboxMessage } from '../../../db/repositories/outbox.ts';
import type { Config } from '../../../platform/config.ts';
import { problemSchema, sendProblem } from '../../plugins/problems.ts';

import {
  DEMO_MAILBOX_LIMIT,
  demoMailboxMessageSchema,
  demoMailboxSchema,
  type DemoMailboxMessage,
} from '../../../domain/contracts/demo-mailbox.ts';

function present(message: OutboxMessage): DemoMailboxMessage {
  return {
    id: message.id,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    status: message.status,
    createdAt: message.createdAt.toISOString(),
    sentAt: message.sentAt?.toISOString() ?? null,
  };
}

export default async function demoMailboxRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  if (!options.config.demo.enabled) {
    // Before validation, so a disabled mailbox reveals nothing, not even its id format.
    app.addHook('onRequest', async (request, reply) =>
      sendProblem(
        request,
        reply,
        404,
        'route_not_found',
        `There is no ${request.method} ${request.url.split('?')[0]}.`,
      ),
    );
  }

  app.get(
    '/demo/mailbox',
    {
      config: { access: 'demo' },
      schema: {
        tags: ['demo'],
        summary: 'Emails Puncta wrote, newest first (demo clinic only)',
        response: { 200: demoMailboxSchema, 404: problemSchema },
      },
    },
    async () => {
      const messages = await listRecentOutboxMessages(app.services.database.db, DEMO_MAILBOX_LIMIT);
      return { messages: messages.map(present) };
    },
  );

  app.get(
    '/demo/mailbox/:id',
    {
      config: { access: 'demo' },
      schema: {
        tags: ['demo'],
        summary: 'One email from the demo mailbox',
        params: z.object({ id: z.uuid() }),
        response: { 200: demoMailboxMessageSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const message = await findOutboxMessage(app.services.database.db, request.params.id);
      if (message === undefined) throw new NotFoundError('The message');
      return present(message);
    },
  );

  app.post(
    '/demo/mailbox/test-message',
    {
      config: { access: 'demo' },
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
          404: problemSchema,
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
