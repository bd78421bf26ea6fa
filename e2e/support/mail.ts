// Reading, from a test file, the mail the server under test delivered to the
// SMTP peer that the global setup started.
import { inject } from 'vitest';
import type { DeliveredMail } from './mail-peer.ts';

export async function mailTo(address: string): Promise<DeliveredMail[]> {
  const response = await fetch(`${inject('mailReadUrl')}?to=${encodeURIComponent(address)}`);
  return (await response.json()) as DeliveredMail[];
}

/**
 * Waits until a message to `address` whose subject matches arrives (delivery
 * goes through the job queue); `after` skips the first messages, for an
 * address that has had mail before.
 */
export async function waitForMail(
  address: string,
  subject: RegExp,
  { after = 0, timeoutMs = 15_000 }: { after?: number; timeoutMs?: number } = {},
): Promise<DeliveredMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await mailTo(address))
      .slice(after)
      .filter((mail) => subject.test(mail.subject))
      .at(-1);
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`no mail to ${address} matching ${String(subject)} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** The path of the first link to the app in a message, e.g. /app/verify-email?token=… */
export function appLinkIn(mail: DeliveredMail, page: string): string {
  const match = new RegExp(`https?://[^\\s/]+(/app/${page}\\?token=[A-Za-z0-9_%-]+)`).exec(mail.text);
  if (match?.[1] === undefined) throw new Error(`no /app/${page} link in "${mail.subject}":\n${mail.text}`);
  return match[1];
}
