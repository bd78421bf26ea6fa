// The mail outbox: every email Puncta sends is a row here before anything else
// happens to it. The mailer writes rows, the delivery job moves them along
// (pending -> sent | failed), maintenance prunes old ones and the demo mailbox
// reads them. Every function takes a Db, and a drizzle transaction is one, so a
// message can be written in the same transaction as the change that causes it.
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { outboxMessages, type outboxStatus } from '../schema.ts';

export type OutboxStatus = (typeof outboxStatus.enumValues)[number];

export interface NewOutboxMessage {
  clinicId?: string | undefined;
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  /** Extra header fields sent with the message (List-Unsubscribe and the like). */
  headers?: Record<string, string> | undefined;
  attachments?: MailAttachment[] | undefined;
  /** pending: the queue will deliver it over SMTP; kept: it stays here for the demo mailbox. */
  status: 'pending' | 'kept';
}

/** A text attachment (a calendar file): sent as it is, shown by name in the demo mailbox. */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export interface OutboxMessage {
  id: string;
  clinicId: string | null;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  headers: Record<string, string> | null;
  attachments: MailAttachment[] | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

const messageColumns = {
  id: outboxMessages.id,
  clinicId: outboxMessages.clinicId,
  to: outboxMessages.toAddress,
  subject: outboxMessages.subject,
  text: outboxMessages.textBody,
  html: outboxMessages.htmlBody,
  headers: outboxMessages.headers,
  attachments: outboxMessages.attachments,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  lastError: outboxMessages.lastError,
  createdAt: outboxMessages.createdAt,
  sentAt: outboxMessages.sentAt,
};

export async function insertOutboxMessage(db: Db, message: NewOutboxMessage): Promise<string> {
  const [row] = await db
    .insert(outboxMessages)
    .values({
      clinicId: message.clinicId ?? null,
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      headers: message.headers ?? null,
      attachments: message.attachments ?? null,
      status: message.status,
    })
    .returning({ id: outboxMessages.id });
  if (row === undefined) throw new Error('insert into outbox_messages returned no row');
  return row.id;
}

/** Newest first, at most `limit`. */
export async function listRecentOutboxMessages(db: Db, limit: number): Promise<OutboxMessage[]> {
  return db
    .select(messageColumns)
    .from(outboxMessages)
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit);
}

export async function findOutboxMessage(db: Db, id: string): Promise<OutboxMessage | undefined> {
  const [row] = await db.select(messageColumns).from(outboxMessages).where(eq(outboxMessages.id, id));
  return row;
}

/** Ids of messages still waiting for SMTP delivery, oldest first. */
export async function listPendingOutboxIds(db: Db, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: outboxMessages.id })
    .from(outboxMessages)
    .where(eq(outboxMessages.status, 'pending'))
    .orderBy(asc(outboxMessages.createdAt))
    .limit(limit);
  return rows.map((row) => row.id);
}

/**
 * Counts one more delivery attempt, but only if nobody else counted it first:
 * the update matches the attempt number the caller saw, so of two workers that
 * raced for the same message only one gets to talk to the SMTP server.
 * Returns the number of this attempt, or undefined when the race was lost.
 */
export async function claimDeliveryAttempt(db: Db, id: string, attemptsSeen: number): Promise<number | undefined> {
  const [row] = await db
    .update(outboxMessages)
    .set({ attempts: sql`${outboxMessages.attempts} + 1` })
    .where(
      and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending'), eq(outboxMessages.attempts, attemptsSeen)),
    )
    .returning({ attempts: outboxMessages.attempts });
  return row?.attempts;
}

export async function markOutboxMessageSent(db: Db, id: string): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: sql`now()` })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')));
}

/** Keeps the error of a failed attempt; `giveUp` ends the message as failed. */
export async function recordFailedDelivery(db: Db, id: string, error: string, giveUp: boolean): Promise<void> {
  await db
    .update(outboxMessages)
    .set({ lastError: error, status: giveUp ? 'failed' : 'pending' })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')));
}

/** Demo mailbox messages (kept) created before `before`; returns how many went. */
export async function deleteKeptMessagesBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(outboxMessages)
    .where(and(eq(outboxMessages.status, 'kept'), lt(outboxMessages.createdAt, before)))
    .returning({ id: outboxMessages.id });
  return deleted.length;
}

/** Delivered messages sent before `before`; returns how many went. */
export async function deleteSentMessagesBefore(db: Db, before: Date): Promise<number> {
  const deleted = await db
    .delete(outboxMessages)
    .where(
      and(
        eq(outboxMessages.status, 'sent'),
        sql`coalesce(${outboxMessages.sentAt}, ${outboxMessages.createdAt}) < ${before.toISOString()}::timestamptz`,
      ),
    )
    .returning({ id: outboxMessages.id });
  return deleted.length;
}
