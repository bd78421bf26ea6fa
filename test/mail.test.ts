// Mail as the people involved see it: a patient gets the email once, with the
// right recipient, subject and body; a server that refuses is tried again
// (with growing pauses) and, when it keeps refusing, the message ends "failed"
// but stays on record; without SMTP every message waits in the outbox for the
// demo mailbox. Delivery runs through the real job queue against a real SMTP
// server on loopback.
import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOutboxMessage, type OutboxMessage } from '../src/db/repositories/outbox.ts';
import { outboxMessages } from '../src/db/schema.ts';
import { MAIL_SWEEP_QUEUE } from '../src/jobs/mail-delivery.ts';
import { startJobs, type JobRuntime } from '../src/jobs/start-jobs.ts';
import { createMailer, type Mailer } from '../src/mail/mailer.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/logger.ts';
import { startSmtpPeer, type SmtpPeer } from './support/smtp-peer.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { eventually } from './support/eventually.ts';

const MAX_ATTEMPTS = 3;

let database: TestDatabase;
let peer: SmtpPeer;
let mailer: Mailer;
let jobs: JobRuntime;
const logLines: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  peer = await startSmtpPeer();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PUNCTA_DATA_DIR: '/nonexistent',
    SMTP_URL: peer.url,
    MAIL_FROM: 'Demo Dermatology <hello@clinic.example>',
  });
  // Everything the mailer and the queue log, to check that no patient data gets there.
  const logger = createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    }),
  );
  mailer = createMailer(config.mail, database, { logger, maxAttempts: MAX_ATTEMPTS });
  jobs = await startJobs({
    config,
    database,
    mailer,
    logger,
    tuning: { pollingIntervalSeconds: 0.5, cronCheckIntervalSeconds: 1, mailRetryDelaySeconds: 1 },
  });
});

afterAll(async () => {
  await jobs?.stop({ timeoutMs: 5000 });
  await mailer?.close();
  await peer?.close();
  await database?.close();
});

async function settled(id: string): Promise<OutboxMessage> {
  const message = await eventually(
    () => findOutboxMessage(database.db, id),
    (row) => row !== undefined && row.status !== 'pending',
  );
  if (message === undefined) throw new Error('message vanished');
  return message;
}

describe('with an SMTP server', () => {
  it('delivers a message once, to the right person, with its subject and body, and marks it sent', async () => {
    expect(mailer.mode).toBe('smtp');
    const { id } = await mailer.send({
      to: 'patient.one@example.test',
      subject: 'Your consultation on Friday',
      text: 'We look forward to seeing you at 10:00.',
      html: '<p>We look forward to seeing you at <b>10:00</b>.</p>',
    });

    const row = await settled(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1 });
    expect(row.sentAt).toBeInstanceOf(Date);

    const [mail, ...others] = peer.receivedFor('patient.one@example.test');
    expect(others).toHaveLength(0);
    expect(mail?.headers.get('subject')).toBe('Your consultation on Friday');
    expect(mail?.headers.get('to')).toBe('patient.one@example.test');
    expect(mail?.headers.get('from')).toBe('Demo Dermatology <hello@clinic.example>');
    expect(mail?.headers.get('message-id')).toBe(`<${id}@clinic.example>`);
    expect(mail?.body).toContain('We look forward to seeing you at 10:00.');
    expect(mail?.body).toContain('<b>10:00</b>');

    // Nothing sends it again later: the queue is done with it.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(peer.receivedFor('patient.one@example.test')).toHaveLength(1);
  });

  it('retries a refused message with growing pauses: sent when the server accepts, failed but kept when it never does', async () => {
    peer.refuse('busy@example.test', 451, 1);
    peer.refuse('full@example.test', 452);
    const busy = await mailer.send({
      to: 'busy@example.test',
      subject: 'Aftercare, day 1',
      text: 'Keep the skin clean.',
    });
    const full = await mailer.send({ to: 'full@example.test', subject: 'Aftercare, day 2', text: 'Avoid the sun.' });

    const delivered = await settled(busy.id);
    expect(delivered).toMatchObject({ status: 'sent', attempts: 2 });
    expect(delivered.lastError).toContain('451');
    expect(peer.receivedFor('busy@example.test')).toHaveLength(1);

    const failed = await settled(full.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, subject: 'Aftercare, day 2' });
    expect(failed.lastError).toContain('452');
    expect(peer.receivedFor('full@example.test')).toHaveLength(0);

    const tries = peer.attempts.filter((attempt) => attempt.address === 'full@example.test').map((a) => a.at);
    expect(tries).toHaveLength(MAX_ATTEMPTS);
    // With a 1 s base delay the second pause is at least twice the base.
    const [first = 0, second = 0, third = 0] = tries;
    expect(second - first).toBeGreaterThanOrEqual(900);
    expect(third - second).toBeGreaterThanOrEqual(1900);

    // Failed is final: no further attempts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(peer.attempts.filter((attempt) => attempt.address === 'full@example.test')).toHaveLength(MAX_ATTEMPTS);
  });

  it('does not retry a permanent refusal (5xx)', async () => {
    peer.refuse('nobody@example.test', 550);
    const { id } = await mailer.send({ to: 'nobody@example.test', subject: 'Welcome', text: 'Hello.' });
    const row = await settled(id);
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row.lastError).toContain('550');
  });

  it('sends a calendar file as a text/calendar attachment, and refuses unsafe attachment names and types', async () => {
    const calendarFile = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Puncta//test//EN\r\nEND:VCALENDAR\r\n';
    const { id } = await mailer.send({
      to: 'calendar.file@example.test',
      subject: 'Booked',
      text: 'See the attached calendar file.',
      attachments: [
        {
          filename: 'appointment.ics',
          contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
          content: calendarFile,
        },
      ],
    });
    expect(await settled(id)).toMatchObject({ status: 'sent' });
    const [mail] = peer.receivedFor('calendar.file@example.test');
    expect(mail?.headers.get('content-type')).toMatch(/^multipart\/mixed/);
    expect(mail?.body).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=PUBLISH/i);
    expect(mail?.body).toMatch(/filename=appointment\.ics/);
    // The part's content, whatever transfer encoding the mailer chose for it.
    const part = mail!.body.split(/\r?\n--/).find((chunk) => /text\/calendar/i.test(chunk))!;
    const [partHeaders, ...partBody] = part.split(/\r?\n\r?\n/);
    const encoded = partBody.join('\n\n');
    const decoded = /base64/i.test(partHeaders!) ? Buffer.from(encoded, 'base64').toString('utf8') : encoded;
    expect(decoded).toBe(calendarFile);

    for (const attachment of [
      { filename: '../etc/passwd', contentType: 'text/plain', content: 'x' },
      { filename: 'a.ics', contentType: 'text/calendar\r\nBcc: victim@example.test', content: 'x' },
      { filename: 'big.ics', contentType: 'text/calendar', content: 'x'.repeat(300 * 1024) },
    ]) {
      await expect(
        mailer.send({ to: 'refused@example.test', subject: 'x', text: 'x', attachments: [attachment] }),
      ).rejects.toThrow();
    }
    const refused = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'refused@example.test'));
    expect(refused).toHaveLength(0);
  });

  it('sends a message written inside a transaction only if the transaction commits', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await mailer.enqueue(tx, { to: 'rolled.back@example.test', subject: 'Booked', text: 'You are booked.' });
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    const rolledBack = await database.db
      .select()
      .from(outboxMessages)
      .where(eq(outboxMessages.toAddress, 'rolled.back@example.test'));
    expect(rolledBack).toHaveLength(0);

    const { id } = await database.db.transaction((tx) =>
      mailer.enqueue(tx, { to: 'committed@example.test', subject: 'Booked', text: 'You are booked for Monday.' }),
    );
    expect((await findOutboxMessage(database.db, id))?.status).toBe('pending');
    // The minute sweep finds it; run it now rather than waiting for the next minute.
    await jobs.boss.send(MAIL_SWEEP_QUEUE, {});
    expect(await settled(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(peer.receivedFor('committed@example.test')[0]?.body).toContain('You are booked for Monday.');
    expect(peer.receivedFor('rolled.back@example.test')).toHaveLength(0);
  });

  it('logs message ids but never addresses, subjects or bodies', () => {
    const logs = logLines.join('\n');
    expect(logs).toContain('mail delivered');
    expect(logs).toContain('mail delivery failed; will retry');
    for (const secret of [
      'patient.one@',
      'busy@',
      'full@example',
      'Aftercare',
      'Keep the skin clean',
      'consultation',
    ]) {
      expect(logs).not.toContain(secret);
    }
  });
});

describe('without an SMTP server', () => {
  it('keeps every message in the outbox for the demo mailbox and sends nothing', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PUNCTA_DATA_DIR: '/nonexistent' });
    const outbox = createMailer(config.mail, database);
    try {
      expect(outbox.mode).toBe('outbox');
      const { id } = await outbox.send({
        to: 'patient.two@example.test',
        subject: 'Your plan',
        text: 'Three sessions.',
      });
      expect(await findOutboxMessage(database.db, id)).toMatchObject({
        status: 'kept',
        to: 'patient.two@example.test',
        subject: 'Your plan',
        text: 'Three sessions.',
        html: null,
        attempts: 0,
        sentAt: null,
      });
      expect(await outbox.deliver(id)).toEqual({ status: 'skipped' });
      // The SMTP node's sweep leaves kept messages alone.
      await jobs.boss.send(MAIL_SWEEP_QUEUE, {});
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect((await findOutboxMessage(database.db, id))?.status).toBe('kept');
      expect(peer.receivedFor('patient.two@example.test')).toHaveLength(0);
    } finally {
      await outbox.close();
    }
  });
});
