// GET /api/v1/demo/mailbox: the outbox as staff see it in the demo. The schema
// is the server's own (src/domain/contracts), so the two cannot drift apart.
import {
  demoMailboxMessageSchema as mailboxMessageSchema,
  demoMailboxSchema as mailboxSchema,
  type DemoMailboxMessage as MailboxMessage,
  type OutboxStatus,
} from '../../../domain/contracts/demo-mailbox.ts';

export { mailboxMessageSchema, mailboxSchema, type MailboxMessage, type OutboxStatus };

export const MAILBOX_URL = '/api/v1/demo/mailbox';

export const statusPresentation: Record<OutboxStatus, { label: string; color: string; explanation: string }> = {
  pending: { label: 'Waiting', color: 'yellow', explanation: 'Queued; the mail server has not taken it yet.' },
  sent: { label: 'Sent', color: 'green', explanation: 'Delivered to the mail server.' },
  failed: { label: 'Failed', color: 'red', explanation: 'The mail server did not accept it.' },
  kept: { label: 'Kept', color: 'puncta', explanation: 'No mail server is set up, so the message was kept here.' },
};
