// The booking API as the patient's screens use it (issue 6, item 3). Answers are
// parsed with the server's own contract (src/domain/contracts/scheduling.ts), so the
// two sides cannot drift apart. POST /bookings and POST /series carry an
// Idempotency-Key that the caller makes once per confirmation and reuses on a retry,
// so a double click or a retry after a lost answer books once.
import { z } from 'zod';
import { ApiError, fetchJson } from '../api/fetch-json.ts';
import {
  IDEMPOTENCY_KEY_HEADER,
  SCHEDULING_LIMITS,
  availabilityResponseSchema,
  bookingListResponseSchema,
  bookingSchema,
  checkInResponseSchema,
  seriesProposalResponseSchema,
  seriesResponseSchema,
  servicesResponseSchema,
  type BookingView,
  type CheckInBody,
  type CreateBookingBody,
  type CreateSeriesBody,
  type MoveBookingBody,
  type SeriesProposalBody,
} from '../../../domain/contracts/scheduling.ts';
import { holdSchema, myWaitlistOffersResponseSchema, type CreateHoldBody } from '../../../domain/contracts/holds.ts';

export type { HoldView, MyWaitlistOffer } from '../../../domain/contracts/holds.ts';
export const MY_WAITLIST_OFFERS_URL = '/api/v1/me/waitlist-offers';
export const myWaitlistOffersSchema = myWaitlistOffersResponseSchema;

export type {
  AvailabilityResponse,
  BookableService,
  BookingView,
  CheckInBody,
  CheckInResponse,
  ProposedSessionView,
  SeriesProposalResponse,
  SeriesResponse,
  SlotView,
} from '../../../domain/contracts/scheduling.ts';

export const SERVICES_URL = '/api/v1/services';

/**
 * Practitioners' names, when an answer carries them (the contract names them by
 * id only): parsed leniently, so screens can show a name or fall back to none.
 */
const practitionerNamesSchema = z
  .array(z.object({ id: z.string(), displayName: z.string().optional(), name: z.string().optional() }))
  .optional()
  .catch(undefined);

export const servicesSchema = servicesResponseSchema;
export const availabilitySchema = availabilityResponseSchema.extend({ practitioners: practitionerNamesSchema });
export type Availability = z.infer<typeof availabilitySchema>;
export const bookingListSchema = bookingListResponseSchema.extend({
  bookings: z.array(
    bookingSchema.extend({
      practitionerName: z.string().nullable().optional().catch(undefined),
      serviceName: z.string().optional().catch(undefined),
    }),
  ),
  practitioners: practitionerNamesSchema,
});
export type BookingList = z.infer<typeof bookingListSchema>;
export type BookingListItem = BookingList['bookings'][number];

export function practitionerNames(list: z.infer<typeof practitionerNamesSchema>): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  for (const entry of list ?? []) {
    const name = entry.displayName ?? entry.name;
    if (name !== undefined && name !== '') names.set(entry.id, name);
  }
  return names;
}

export function availabilityUrl(query: {
  serviceId: string;
  from: string;
  to: string;
  practitionerId?: string | undefined;
}): string {
  const params = new URLSearchParams({ serviceId: query.serviceId, from: query.from, to: query.to });
  if (query.practitionerId !== undefined) params.set('practitionerId', query.practitionerId);
  return `/api/v1/availability?${params.toString()}`;
}

export function bookingsUrl(from: string, to: string): string {
  return `/api/v1/bookings?${new URLSearchParams({ from, to }).toString()}`;
}

const DAY_MS = 86_400_000;
/** The API answers at most this many days of bookings per request. */
const LIST_CHUNK_DAYS = SCHEDULING_LIMITS.availabilityMaxDays;

/**
 * The patient's bookings from `daysBack` days ago to `daysAhead` days ahead, asked
 * in chunks the API accepts (62 days each) and joined into one answer.
 */
export async function fetchBookings(
  daysBack: number,
  daysAhead: number,
  signal?: AbortSignal,
  now = Date.now(),
): Promise<BookingList> {
  const chunks: [string, string][] = [];
  for (let start = now - daysBack * DAY_MS; start < now + daysAhead * DAY_MS; start += LIST_CHUNK_DAYS * DAY_MS) {
    const end = Math.min(start + LIST_CHUNK_DAYS * DAY_MS, now + daysAhead * DAY_MS);
    chunks.push([new Date(start).toISOString(), new Date(end).toISOString()]);
  }
  const answers = await Promise.all(
    chunks.map(([from, to]) => fetchJson(bookingsUrl(from, to), bookingListSchema, signal)),
  );
  const seen = new Set<string>();
  const bookings = answers
    .flatMap((answer) => answer.bookings)
    .filter((entry) => (seen.has(entry.id) ? false : (seen.add(entry.id), true)));
  const practitioners = answers.flatMap((answer) => answer.practitioners ?? []);
  return { timeZone: answers[0]?.timeZone ?? 'UTC', bookings, practitioners };
}

/** The calendar file of one booking (another part of issue 6 serves it). */
export function bookingIcsUrl(id: string): string {
  return `/api/v1/bookings/${encodeURIComponent(id)}.ics`;
}

/** A fresh key for one confirmation; reuse it for every retry of that confirmation. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/** A problem answer with the fields the booking screens act on. */
export class BookingProblem extends ApiError {
  constructor(
    base: ApiError,
    /** 1-based session of a series that could not be booked. */
    readonly sessionIndex: number | undefined,
  ) {
    super(base.status, base.code, base.message, base.fieldErrors, base.retryAfterSeconds);
  }
}

/**
 * fetch-json.ts sends no headers of the caller's, and these calls need
 * Idempotency-Key or If-Match: the same request, made here, with the session's
 * CSRF token passed in, answering the same ApiError (plus a series' sessionIndex).
 */
async function send<T>(
  url: string,
  schema: z.ZodType<T>,
  csrfToken: string,
  options: { method: 'POST' | 'PATCH' | 'DELETE'; body?: unknown; headers?: Record<string, string> },
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-csrf-token': csrfToken, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new BookingProblem(
      new ApiError(0, 'network', 'We could not reach the clinic’s server. Check your connection and try again.'),
      undefined,
    );
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = (typeof answer === 'object' && answer !== null ? answer : {}) as Record<string, unknown>;
    const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
    const detail =
      typeof problem.detail === 'string' ? problem.detail : `The server answered with status ${response.status}.`;
    // A series names its session in errors[0].path ("sessions.2"), 1-based as in proposals.
    const firstPath = Array.isArray(problem.errors)
      ? (problem.errors[0] as { path?: unknown } | undefined)?.path
      : undefined;
    const fromPath = typeof firstPath === 'string' ? /^sessions\.(\d+)/.exec(firstPath)?.[1] : undefined;
    const sessionIndex =
      typeof problem.sessionIndex === 'number'
        ? problem.sessionIndex
        : fromPath === undefined
          ? undefined
          : Number(fromPath);
    throw new BookingProblem(new ApiError(response.status, code, detail), sessionIndex);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'unexpected_answer',
      'The server sent an answer this page does not understand.',
    );
  }
  return parsed.data;
}

export function bookingApi(csrfToken: string) {
  return {
    book: (body: CreateBookingBody, idempotencyKey: string) =>
      send('/api/v1/bookings', bookingSchema, csrfToken, {
        method: 'POST',
        body,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      }),
    propose: (body: SeriesProposalBody) =>
      send('/api/v1/series/proposals', seriesProposalResponseSchema, csrfToken, { method: 'POST', body }),
    bookSeries: (body: CreateSeriesBody, idempotencyKey: string) =>
      send('/api/v1/series', seriesResponseSchema, csrfToken, {
        method: 'POST',
        body,
        headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
      }),
    move: (booking: Pick<BookingView, 'id' | 'version'>, body: MoveBookingBody) =>
      send(`/api/v1/bookings/${encodeURIComponent(booking.id)}`, bookingSchema, csrfToken, {
        method: 'PATCH',
        body,
        headers: { 'if-match': `"${booking.version}"` },
      }),
    cancel: (id: string) =>
      send(`/api/v1/bookings/${encodeURIComponent(id)}/cancel`, bookingSchema, csrfToken, { method: 'POST' }),
    /** Holds a slot for a few minutes while the patient confirms (book it with holdId). */
    hold: (body: CreateHoldBody) => send('/api/v1/holds', holdSchema, csrfToken, { method: 'POST', body }),
    /** Releases a hold (or declines a waitlist offer); answers nothing. */
    release: (holdId: string) =>
      send(`/api/v1/holds/${encodeURIComponent(holdId)}`, z.unknown(), csrfToken, { method: 'DELETE' }),
    /** The pre-session health check-in of a treatment booking. */
    checkIn: (id: string, body: CheckInBody) =>
      send(`/api/v1/bookings/${encodeURIComponent(id)}/check-ins`, checkInResponseSchema, csrfToken, {
        method: 'POST',
        body,
      }),
  };
}

/** A retry with the same key is safe only for answers that may not have arrived. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === 'network' || error.status >= 500);
}
