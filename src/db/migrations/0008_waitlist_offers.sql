CREATE TYPE "public"."waitlist_offer_status" AS ENUM('offered', 'declined', 'accepted');--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offer_status" "waitlist_offer_status";--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offer_hold_id" uuid;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offer_starts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offer_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "offered_by" uuid;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD COLUMN "booking_id" uuid;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_offer_hold_id_bookings_id_fk" FOREIGN KEY ("offer_hold_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_offered_by_users_id_fk" FOREIGN KEY ("offered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entries" ADD CONSTRAINT "waitlist_entries_booking_id_bookings_id_fk" FOREIGN KEY ("booking_id") REFERENCES "public"."bookings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "waitlist_entries_offer_hold_idx" ON "waitlist_entries" USING btree ("offer_hold_id");