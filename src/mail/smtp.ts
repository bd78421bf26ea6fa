// The SMTP side of the mailer: one nodemailer transport per process, with
// timeouts short enough that an attempt always ends (and is recorded) well
// before the delivery job would be declared expired.
import nodemailer, { type Transporter } from 'nodemailer';

export type SmtpTransport = Transporter;

const TIMEOUTS_MS = {
  connectionTimeout: 30_000,
  greetingTimeout: 30_000,
  socketTimeout: 60_000,
};

/** Longest an attempt can take; the delivery job allows more than this. */
export const LONGEST_ATTEMPT_SECONDS = Math.ceil(
  (TIMEOUTS_MS.connectionTimeout + TIMEOUTS_MS.greetingTimeout + TIMEOUTS_MS.socketTimeout) / 1000,
);

export function createSmtpTransport(smtpUrl: string, from: string): SmtpTransport {
  // nodemailer reads transport options from the URL's query string; ours are
  // defaults that an operator's SMTP_URL may override.
  const url = new URL(smtpUrl);
  for (const [option, milliseconds] of Object.entries(TIMEOUTS_MS)) {
    if (!url.searchParams.has(option)) url.searchParams.set(option, String(milliseconds));
  }
  return nodemailer.createTransport(url.toString(), { from });
}

/**
 * A Message-ID made from the outbox id: if an attempt reached the server but
 * its answer was lost and the message goes out again, receivers can tell the
 * two copies are one message.
 */
export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)/.exec(from)?.[1] ?? 'puncta.localhost';
  return `<${outboxId}@${domain}>`;
}

/** The SMTP reply code nodemailer attached to an error, if the server answered. */
export function smtpResponseCode(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('responseCode' in error)) return undefined;
  return typeof error.responseCode === 'number' ? error.responseCode : undefined;
}

/** 5xx means the server refused for good (no such mailbox, policy): trying again will not help. */
export function isPermanentSmtpFailure(responseCode: number | undefined): boolean {
  return responseCode !== undefined && responseCode >= 500 && responseCode < 600;
}

/** What goes into outbox_messages.last_error: the server's words, bounded in length. */
export function describeSmtpError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : undefined;
  const text = code === undefined ? message : `${message} (${code})`;
  return text.length > 1000 ? `${text.slice(0, 997)}...` : text;
}
