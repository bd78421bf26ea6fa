// A real SMTP server on loopback (the smtp-server package) for mail tests: it
// records every message it accepts and can refuse chosen recipients, for a
// while or for good, the way a busy or strict mail server does.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  /** Header names in lower case; folded lines joined. */
  headers: Map<string, string>;
  /** Everything after the headers, as sent (MIME parts included). */
  body: string;
}

export interface RecipientAttempt {
  address: string;
  at: number;
}

export interface SmtpPeer {
  /** smtp://127.0.0.1:<port> */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Every RCPT TO the peer saw, accepted or not, in order. */
  readonly attempts: RecipientAttempt[];
  /** Refuse RCPT TO for `address` with an SMTP reply `code`, the next `times` times (default: always). */
  refuse(address: string, code: number, times?: number): void;
  /** Hold each accepted message this long before answering, like a slow server. */
  delayAnswers(milliseconds: number): void;
  receivedFor(address: string): ReceivedMail[];
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedMail[] = [];
  const attempts: RecipientAttempt[] = [];
  const refusals = new Map<string, { code: number; remaining: number }>();
  let answerDelayMs = 0;

  const server = new SMTPServer({
    authOptional: true,
    // Plain SMTP on loopback: no certificate for the client to distrust.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    closeTimeout: 500,
    onRcptTo(address, _session, callback) {
      const recipient = address.address.toLowerCase();
      attempts.push({ address: recipient, at: Date.now() });
      const refusal = refusals.get(recipient);
      if (refusal !== undefined && refusal.remaining > 0) {
        refusal.remaining -= 1;
        callback(
          Object.assign(new Error(`Mailbox ${recipient} unavailable, try again later`), { responseCode: refusal.code }),
        );
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase());
        setTimeout(() => {
          received.push({ to, ...parseMessage(raw) });
          callback();
        }, answerDelayMs);
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts,
    refuse(address, code, times = Number.POSITIVE_INFINITY) {
      refusals.set(address.toLowerCase(), { code, remaining: times });
    },
    delayAnswers(milliseconds) {
      answerDelayMs = milliseconds;
    },
    receivedFor(address) {
      return received.filter((mail) => mail.to.includes(address.toLowerCase()));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function parseMessage(raw: string): Pick<ReceivedMail, 'headers' | 'body'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}
