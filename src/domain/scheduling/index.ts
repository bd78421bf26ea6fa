// Scheduling: availability, treatment series, conflicts, waitlist, notice policy,
// reminders and calendar files, as pure functions over plain data. See README.md.
export * from './types.ts';
export {
  findSlots,
  indexCalendar,
  type CalendarIndex,
  busyIntervals,
  conflicts,
  isActiveBooking,
  wholeLocalDay,
  type Conflict,
  type ProposedBooking,
} from './availability.ts';
export {
  proposeSeries,
  reflowSeries,
  type SeriesInput,
  type SeriesGaps,
  type SeriesProposal,
  type SeriesSession,
  type SeriesUnavailable,
  type SeriesUnavailableReason,
  type ReflowInput,
  type ReflowResult,
  type ReflowSession,
  type SessionChange,
} from './series.ts';
export { waitlistCandidates, type WaitlistEntry, type FreedSlot } from './waitlist.ts';
export {
  canCancel,
  canMove,
  reminderTimes,
  type NoticeDecision,
  type NoticeRefusal,
  type ReminderTime,
} from './notice.ts';
export { bookingToIcs, bookingsToIcsFeed, type IcsClinic } from './ics.ts';
export { parseInstant, formatInstant, localDateOf } from './zoned-time.ts';
