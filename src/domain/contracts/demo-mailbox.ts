// The demo mailbox's API contract, shared by the server route and the browser page.
import { z } from 'zod';

export const DEMO_MAILBOX_LIMIT = 100;

export const outboxStatusSchema = z
  .enum(['pending', 'sent', 'failed', 'kept'])
  .describe('kept: held in the outbox because no SMTP server is configured');
export type OutboxStatus = z.infer<typeof outboxStatusSchema>;

export const demoMailboxMessageSchema = z
  .object({
    id: z.uuid(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string().nullable(),
    attachments: z
      .array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }))
      .describe('Text attachments, such as the calendar file of a booking confirmation'),
    status: outboxStatusSchema,
    createdAt: z.iso.datetime(),
    sentAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'DemoMailboxMessage' });
export type DemoMailboxMessage = z.infer<typeof demoMailboxMessageSchema>;

export const demoMailboxSchema = z
  .object({ messages: z.array(demoMailboxMessageSchema).describe(`Newest first, at most ${DEMO_MAILBOX_LIMIT}`) })
  .meta({ id: 'DemoMailbox' });
