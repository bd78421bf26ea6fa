// Contract of the mailer (implemented by the mail work package).
import type { Database } from '../db/database.ts';
import type { Config } from '../platform/config.ts';

export interface OutgoingMail {
  clinicId?: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  readonly mode: 'smtp' | 'outbox';
  /** Records the message in the outbox and, with SMTP configured, delivers it. */
  send(mail: OutgoingMail): Promise<{ id: string }>;
  close(): Promise<void>;
}

export function createMailer(_config: Config['mail'], _database: Database): Mailer {
  throw new Error('not implemented yet');
}
