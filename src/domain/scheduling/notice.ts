// The clinic's notice policy for patients cancelling or moving, and when reminders go out.
// Staff may act inside the notice period; that is an access decision for the server,
// not a rule here.
import { InvalidInputError } from '../errors.ts';
import type { Booking, BookingRules, Instant } from './types.ts';
import { HOUR_MS, MINUTE_MS, parseInstant } from './zoned-time.ts';

export type NoticeRefusal =
  /** Already cancelled. */
  | 'cancelled'
  /** Completed or marked as a no-show. */
  | 'finished'
  /** The appointment has started or is over. */
  | 'started'
  /** Less notice is left than the clinic asks for. */
  | 'inside_notice';

export type NoticeDecision =
  | { allowed: true; /** The last moment the patient can still do it. */ deadline: Instant }
  | { allowed: false; reason: NoticeRefusal; deadline: Instant | null; message: string };

function decide(booking: Booking, noticeMinutes: number, now: Instant, verb: string): NoticeDecision {
  if (!Number.isInteger(noticeMinutes) || noticeMinutes < 0) {
    throw new InvalidInputError('invalid_rules', 'Notice periods are whole numbers of minutes, at least 0.');
  }
  const startMs = parseInstant(booking.start);
  const nowMs = parseInstant(now);
  const deadlineMs = startMs - noticeMinutes * MINUTE_MS;
  const deadline = new Date(deadlineMs).toISOString();
  if (booking.status === 'cancelled') {
    return { allowed: false, reason: 'cancelled', deadline: null, message: 'This booking is already cancelled.' };
  }
  if (booking.status === 'completed' || booking.status === 'no_show') {
    return { allowed: false, reason: 'finished', deadline: null, message: 'This appointment is over.' };
  }
  if (nowMs >= startMs) {
    return { allowed: false, reason: 'started', deadline, message: 'This appointment has already started.' };
  }
  if (nowMs > deadlineMs) {
    const hours = noticeMinutes % 60 === 0 ? `${noticeMinutes / 60} hours` : `${noticeMinutes} minutes`;
    return {
      allowed: false,
      reason: 'inside_notice',
      deadline,
      message: `The clinic asks for ${hours} notice to ${verb} a booking; please call the clinic.`,
    };
  }
  return { allowed: true, deadline };
}

/** Whether the patient may cancel at `now`: up to `cancellationNoticeMinutes` before the start, inclusive. */
export function canCancel(booking: Booking, rules: Pick<BookingRules, 'cancellationNoticeMinutes'>, now: Instant) {
  return decide(booking, rules.cancellationNoticeMinutes, now, 'cancel');
}

/** Whether the patient may move the booking at `now`: up to `moveNoticeMinutes` before the start, inclusive. */
export function canMove(booking: Booking, rules: Pick<BookingRules, 'moveNoticeMinutes'>, now: Instant) {
  return decide(booking, rules.moveNoticeMinutes, now, 'move');
}

export interface ReminderTime {
  /** How long before the start; with the booking id, the key that makes a reminder unique. */
  offsetHours: number;
  /** When to send it, in UTC. */
  at: Instant;
}

/**
 * When to remind: `offsetsHours` before the start (48 and 2 by default at the
 * clinic), earliest first. Only confirmed bookings get reminders (not holds, not
 * cancelled, finished or no-show ones), and none whose time is already past:
 * a booking made 3 hours ahead gets the 2-hour reminder only.
 */
export function reminderTimes(booking: Booking, offsetsHours: readonly number[], now: Instant): ReminderTime[] {
  for (const hours of offsetsHours) {
    if (!Number.isFinite(hours) || hours <= 0) {
      throw new InvalidInputError('invalid_reminders', 'Reminder offsets are positive numbers of hours.');
    }
  }
  if (booking.status !== 'confirmed') return [];
  const startMs = parseInstant(booking.start);
  const nowMs = parseInstant(now);
  return [...new Set(offsetsHours)]
    .map((offsetHours) => ({ offsetHours, atMs: startMs - Math.round(offsetHours * HOUR_MS) }))
    .filter(({ atMs }) => atMs >= nowMs)
    .sort((a, b) => a.atMs - b.atMs)
    .map(({ offsetHours, atMs }) => ({ offsetHours, at: new Date(atMs).toISOString() }));
}
