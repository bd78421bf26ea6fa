// The mailer. Every message is first written to the outbox (outbox_messages),
// so nothing is lost when the SMTP server is down or the process dies:
// - with SMTP_URL set ("smtp" mode) the row starts pending and the job queue
//   delivers it: deliver() makes one attempt and records the outcome;
// - without it ("outbox" mode) the row is kept and staff read it in the demo
//   mailbox, so sign-up and reminders work with nothing installed.
// Logs carry message ids, never addresses, subjects or bodies.
import pino, { type Logger } from 'pino';
import type { Database, Db } from '../db/database.ts';
import {
  claimDeliveryAttempt,
  findOutboxMessage,
  insertOutboxMessage,
  markOutboxMessageSent,
  recordFailedDelivery,
  type MailAttachment,
} from '../db/repositories/outbox.ts';
import type { Config } from '../platform/config.ts';
import {
  createSmtpTransport,
  describeSmtpError,
  isPermanentSmtpFailure,
  messageIdFor,
  smtpResponseCode,
  type SmtpTransport,
} from './smtp.ts';

export interface OutgoingMail {
  clinicId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  /**
   * Extra header fields, stored with the outbox row and sent as they are, e.g.
   * List-Unsubscribe and List-Unsubscribe-Post (RFC 2369, RFC 8058). Names are
   * plain tokens and values single lines: anything else is refused on enqueue.
   */
  headers?: Record<string, string>;
  /** Small text attachments (a calendar file); refused on enqueue when unsafe or too large. */
  attachments?: MailAttachment[];
}

/** Attachments are small text files Puncta makes itself: a calendar file is a few kB. */
const MAX_ATTACHMENT_CHARS = 256 * 1024;
const ATTACHMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
const ATTACHMENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+(; ?[a-z-]+=[A-Za-z0-9-]+)*$/;

/** What one delivery attempt came to. */
export type DeliveryOutcome =
  | { status: 'sent'; attempt: number }
  /** Failed, will be tried again later. */
  | { status: 'retry'; attempt: number; smtpCode: number | undefined }
  /** Failed for good: a permanent refusal or the last allowed attempt. */
  | { status: 'failed'; attempt: number; smtpCode: number | undefined }
  /** Nothing to do: already sent or failed, not an SMTP message, or another worker has it. */
  | { status: 'skipped' };

/** What the job queue offers the mailer: "deliver this message soon". */
export interface MailDeliveryQueue {
  queueDelivery(messageId: string): Promise<void>;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  /** Attempts before a message is marked failed; the queue retries at least this often. */
  readonly maxAttempts: number;
  /** Records the message in the outbox and, with SMTP configured, asks the queue to deliver it. */
  send(mail: OutgoingMail): Promise<{ id: string }>;
  /**
   * Records the message inside the caller's transaction (or any Db), so it
   * exists exactly when the change that caused it commits. In smtp mode the
   * queue's sweep delivers it within a minute; call requestDelivery(id) after
   * commit to send it right away. Never call send() inside a transaction.
   */
  enqueue(tx: Db, mail: OutgoingMail): Promise<{ id: string }>;
  /** Hands a pending message to the queue now; without a queue the sweep picks it up. */
  requestDelivery(messageId: string): Promise<void>;
  /** One SMTP attempt for a pending message, with its outcome recorded (the delivery job calls this). */
  deliver(messageId: string): Promise<DeliveryOutcome>;
  /** The job queue connects itself on start and disconnects on stop. */
  connectQueue(queue: MailDeliveryQueue | undefined): void;
  close(): Promise<void>;
}

export interface MailerOptions {
  logger?: Logger;
  /** Attempts before a message is marked failed (default 5). */
  maxAttempts?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

export function createMailer(config: Config['mail'], database: Database, options: MailerOptions = {}): Mailer {
  const log = (options.logger ?? pino({ level: 'silent' })).child({ component: 'mailer' });
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const transport: SmtpTransport | undefined =
    config.smtpUrl === undefined ? undefined : createSmtpTransport(config.smtpUrl, config.from);
  let queue: MailDeliveryQueue | undefined;

  const mailer: Mailer = {
    mode: transport === undefined ? 'outbox' : 'smtp',
    maxAttempts,

    async send(mail) {
      const { id } = await mailer.enqueue(database.db, mail);
      await mailer.requestDelivery(id);
      return { id };
    },

    async enqueue(tx, mail) {
      const id = await insertOutboxMessage(tx, {
        clinicId: mail.clinicId,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        headers: checkedHeaders(mail.headers),
        attachments: checkedAttachments(mail.attachments),
        status: transport === undefined ? 'kept' : 'pending',
      });
      log.debug({ messageId: id }, transport === undefined ? 'mail kept in the outbox' : 'mail queued');
      return { id };
    },

    async requestDelivery(messageId) {
      if (transport === undefined || queue === undefined) return;
      try {
        await queue.queueDelivery(messageId);
      } catch (error) {
        // The row is safe in the outbox; the sweep will queue it.
        log.warn({ messageId, error: errorName(error) }, 'could not queue mail delivery; the sweep will retry');
      }
    },

    async deliver(messageId) {
      if (transport === undefined) return { status: 'skipped' };
      const db = database.db;
      const message = await findOutboxMessage(db, messageId);
      if (message === undefined || message.status !== 'pending') return { status: 'skipped' };
      if (message.attempts >= maxAttempts) {
        // The last attempt began but never recorded its end (the process died mid-send).
        await recordFailedDelivery(
          db,
          messageId,
          message.lastError ?? 'The last attempt ended without an answer.',
          true,
        );
        log.warn({ messageId, attempt: message.attempts }, 'mail delivery failed for good');
        return { status: 'failed', attempt: message.attempts, smtpCode: undefined };
      }
      const attempt = await claimDeliveryAttempt(db, messageId, message.attempts);
      if (attempt === undefined) return { status: 'skipped' };
      try {
        await transport.sendMail({
          messageId: messageIdFor(messageId, config.from),
          to: message.to,
          subject: message.subject,
          text: message.text,
          ...(message.html === null ? {} : { html: message.html }),
          ...(message.headers === null ? {} : { headers: message.headers }),
          ...(message.attachments === null
            ? {}
            : {
                attachments: message.attachments.map(({ filename, contentType, content }) => ({
                  filename,
                  contentType,
                  content,
                })),
              }),
        });
      } catch (error) {
        const smtpCode = smtpResponseCode(error);
        const giveUp = attempt >= maxAttempts || isPermanentSmtpFailure(smtpCode);
        await recordFailedDelivery(db, messageId, describeSmtpError(error), giveUp);
        log.warn(
          { messageId, attempt, smtpCode, error: errorName(error) },
          giveUp ? 'mail delivery failed for good' : 'mail delivery failed; will retry',
        );
        return giveUp ? { status: 'failed', attempt, smtpCode } : { status: 'retry', attempt, smtpCode };
      }
      await markOutboxMessageSent(db, messageId);
      log.info({ messageId, attempt }, 'mail delivered');
      return { status: 'sent', attempt };
    },

    connectQueue(next) {
      queue = next;
    },

    async close() {
      queue = undefined;
      transport?.close();
    },
  };
  return mailer;
}

/** Header fields the mailer sets itself; a caller's must not replace them. */
const RESERVED_HEADERS = new Set([
  'from',
  'to',
  'cc',
  'bcc',
  'subject',
  'message-id',
  'date',
  'sender',
  'reply-to',
  'content-type',
  'content-transfer-encoding',
  'mime-version',
]);
const HEADER_NAME = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

/** Attachments as stored: plain file names, a plain media type, bounded size. */
function checkedAttachments(attachments: MailAttachment[] | undefined): MailAttachment[] | undefined {
  if (attachments === undefined || attachments.length === 0) return undefined;
  for (const { filename, contentType, content } of attachments) {
    if (!ATTACHMENT_NAME.test(filename)) throw new Error(`Attachment name "${filename}" is not a plain file name.`);
    if (!ATTACHMENT_TYPE.test(contentType)) throw new Error(`Attachment type "${contentType}" is not a media type.`);
    if (content.length > MAX_ATTACHMENT_CHARS) throw new Error(`Attachment "${filename}" is too large.`);
  }
  return attachments.map(({ filename, contentType, content }) => ({ filename, contentType, content }));
}

/** Extra headers as stored: plain names, one-line values, none of the mailer's own. */
function checkedHeaders(headers: Record<string, string> | undefined): Record<string, string> | undefined {
  if (headers === undefined || Object.keys(headers).length === 0) return undefined;
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name) || RESERVED_HEADERS.has(name.toLowerCase())) {
      throw new Error(`mail header "${name}" cannot be set by a caller`);
    }
    if (/[\r\n\0]/.test(value)) throw new Error(`mail header "${name}" must be one line`);
  }
  return { ...headers };
}

/** A class name or error code is safe to log; messages may quote an address. */
function errorName(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string') {
    return error.code;
  }
  return error instanceof Error ? error.name : 'unknown';
}
