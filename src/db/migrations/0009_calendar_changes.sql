CREATE TABLE "calendar_changes" (
	"clinic_id" uuid NOT NULL,
	"xid" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_changes_clinic_id_xid_pk" PRIMARY KEY("clinic_id","xid")
);
--> statement-breakpoint
CREATE INDEX "calendar_changes_at_idx" ON "calendar_changes" USING btree ("changed_at");--> statement-breakpoint
-- Every write to what availability reads notes its clinic and transaction, so an app
-- node can tell whether its in-memory calendar is still current with one indexed
-- query (src/db/repositories/calendar-changes.ts). Triggers, not application code,
-- so that no path can change a calendar without it being seen. On PGlite, where one
-- process holds the database, the session also asks for a NOTIFY at commit
-- (puncta.calendar_notify), which spares the query; PostgreSQL servers leave it off,
-- as NOTIFY serialises commits.
CREATE FUNCTION "note_calendar_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO "calendar_changes" ("clinic_id", "xid")
      VALUES (NEW."clinic_id", pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
    IF current_setting('puncta.calendar_notify', true) = 'on' THEN
      PERFORM pg_notify('puncta_calendar', NEW."clinic_id"::text);
    END IF;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO "calendar_changes" ("clinic_id", "xid")
      VALUES (OLD."clinic_id", pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
    IF current_setting('puncta.calendar_notify', true) = 'on' THEN
      PERFORM pg_notify('puncta_calendar', OLD."clinic_id"::text);
    END IF;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "note_clinic_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "calendar_changes" ("clinic_id", "xid")
    VALUES (NEW."id", pg_current_xact_id()::text::bigint) ON CONFLICT DO NOTHING;
  IF current_setting('puncta.calendar_notify', true) = 'on' THEN
    PERFORM pg_notify('puncta_calendar', NEW."id"::text);
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "bookings_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "bookings"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "working_hours_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "working_hours"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "clinic_holidays_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "clinic_holidays"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "booking_rules_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "booking_rules"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "services_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "services"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "service_practitioners_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "service_practitioners"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "rooms_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "rooms"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "devices_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "devices"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "clinic_memberships_calendar_change" AFTER INSERT OR UPDATE OR DELETE ON "clinic_memberships"
  FOR EACH ROW EXECUTE FUNCTION "note_calendar_change"();--> statement-breakpoint
CREATE TRIGGER "clinics_calendar_change" AFTER UPDATE ON "clinics"
  FOR EACH ROW EXECUTE FUNCTION "note_clinic_change"();
