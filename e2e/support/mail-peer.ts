// The mail side of the browser tests: a real SMTP server on loopback (the
// smtp-server package, test/support/smtp-peer.ts) that the Puncta server under
// test delivers to through its job queue, plus a small HTTP endpoint through
// which the test files (which run in other processes) read what arrived.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSmtpPeer, type ReceivedMail, type SmtpPeer } from '../../test/support/smtp-peer.ts';

export interface DeliveredMail {
  to: string[];
  subject: string;
  /** The text body, decoded (quoted-printable and base64 undone). */
  text: string;
}

export interface MailPeer {
  smtpUrl: string;
  /** GET <readUrl>?to=<address> answers the messages delivered to that address, oldest first. */
  readUrl: string;
  close(): Promise<void>;
}

export async function startMailPeer(): Promise<MailPeer> {
  const smtp: SmtpPeer = await startSmtpPeer();
  const http: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const to = url.searchParams.get('to') ?? '';
    const messages = (to === '' ? smtp.received : smtp.receivedFor(to)).map(decode);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(messages));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    smtpUrl: smtp.url,
    readUrl: `http://127.0.0.1:${port}/messages`,
    async close() {
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await smtp.close();
    },
  };
}

function decode(mail: ReceivedMail): DeliveredMail {
  return { to: mail.to, subject: decodeHeader(mail.headers.get('subject') ?? ''), text: textPart(mail) };
}

/** The first text/plain part of the message (or the whole body when it is not multipart). */
function textPart(mail: ReceivedMail): string {
  const contentType = mail.headers.get('content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (boundary === undefined) return decodeBody(mail.body, mail.headers.get('content-transfer-encoding'));
  for (const part of mail.body.split(`--${boundary}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split === -1) continue;
    const head = part.slice(0, split).toLowerCase();
    if (!head.includes('text/plain')) continue;
    const encoding = /content-transfer-encoding:\s*([\w-]+)/.exec(head)?.[1];
    return decodeBody(part.slice(split + 4), encoding);
  }
  return '';
}

function decodeBody(body: string, encoding: string | undefined | null): string {
  const kind = encoding?.toLowerCase() ?? '7bit';
  switch (kind) {
    case 'quoted-printable':
      return Buffer.from(
        body
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))),
        'latin1',
      ).toString('utf8');
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    default:
      return body;
  }
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?=), which nodemailer uses for non-ASCII subjects. */
function decodeHeader(value: string): string {
  return value.replace(/=\?([^?]+)\?([QB])\?([^?]*)\?=/gi, (_match, _charset, kind: string, text: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
  );
}
