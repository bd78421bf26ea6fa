// Holds and waitlist offers (issue 6): a slot reserved for one patient for a few
// minutes while they confirm (POST /api/v1/holds), or for up to a day when front
// desk offers a freed slot to someone on the waitlist (POST /api/v1/waitlist/:id/offers).
// A hold is a row of `bookings` with kind 'hold', so the exclusion constraints keep it
// from overlapping anything; confirming it (POST /api/v1/bookings with holdId) turns
// that same row into the appointment. Shared by the server and the browser. Pure: zod only.
import { z } from 'zod';
import { instantSchema } from './scheduling.ts';

export const HOLD_LIMITS = {
  /** Unexpired holds one patient may have at once (waitlist offers not counted). */
  maxActivePerPatient: 3,
  /** Longest a waitlist offer is held for the patient. */
  offerMaxHours: 24,
} as const;

/** POST /api/v1/holds. */
export const createHoldBodySchema = z.strictObject({
  serviceId: z.uuid(),
  start: instantSchema,
  practitionerId: z.uuid().optional(),
  /** Staff only (and then required); a patient holds for themselves. */
  patientId: z.uuid().optional(),
});
export type CreateHoldBody = z.infer<typeof createHoldBodySchema>;

export const holdSchema = z
  .object({
    id: z.uuid(),
    serviceId: z.uuid(),
    start: z.string(),
    end: z.string(),
    practitionerId: z.uuid(),
    roomId: z.uuid().nullable(),
    deviceId: z.uuid().nullable(),
    /** The hold lapses at this instant (clinic offset); book with holdId before it. */
    expiresAt: z.string(),
  })
  .meta({ id: 'Hold' });
export type HoldView = z.infer<typeof holdSchema>;

export const holdParamsSchema = z.strictObject({ holdId: z.uuid() });

// --- waitlist offers ---------------------------------------------------------------

/** POST /api/v1/waitlist/:entryId/offers. */
export const waitlistOfferBodySchema = z.strictObject({
  start: instantSchema,
  practitionerId: z.uuid(),
});
export type WaitlistOfferBody = z.infer<typeof waitlistOfferBodySchema>;

export const waitlistEntryParamsSchema = z.strictObject({ entryId: z.uuid() });

export const waitlistOfferStatusSchema = z.enum(['offered', 'expired', 'declined', 'accepted']);
export type WaitlistOfferStatus = z.infer<typeof waitlistOfferStatusSchema>;

/** The latest offer on a waitlist entry, as staff see it. */
export const waitlistOfferSummarySchema = z
  .object({
    status: waitlistOfferStatusSchema,
    start: z.string(),
    expiresAt: z.string(),
    offeredAt: z.string(),
  })
  .meta({ id: 'WaitlistOfferSummary' });
export type WaitlistOfferSummary = z.infer<typeof waitlistOfferSummarySchema>;

/** The answer to an offer: the entry's id and the hold made for its patient. */
export const waitlistOfferResponseSchema = z
  .object({ entryId: z.uuid(), hold: holdSchema, mailed: z.boolean() })
  .meta({ id: 'WaitlistOffer' });
export type WaitlistOfferResponse = z.infer<typeof waitlistOfferResponseSchema>;

/** GET /api/v1/me/waitlist-offers: slots held for the signed-in patient, to accept or decline. */
export const myWaitlistOfferSchema = z
  .object({
    entryId: z.uuid(),
    holdId: z.uuid(),
    serviceId: z.uuid(),
    serviceName: z.string(),
    practitionerId: z.uuid(),
    start: z.string(),
    end: z.string(),
    expiresAt: z.string(),
  })
  .meta({ id: 'MyWaitlistOffer' });
export type MyWaitlistOffer = z.infer<typeof myWaitlistOfferSchema>;

export const myWaitlistOffersResponseSchema = z.object({
  timeZone: z.string(),
  offers: z.array(myWaitlistOfferSchema),
});
export type MyWaitlistOffersResponse = z.infer<typeof myWaitlistOffersResponseSchema>;
