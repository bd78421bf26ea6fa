CREATE TYPE "public"."screening_decision" AS ENUM('proceed', 'proceed_with_precautions', 'physician_review', 'defer', 'not_suitable');--> statement-breakpoint
CREATE TABLE "assessment_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"assessment_id" uuid NOT NULL,
	"clinic_id" uuid NOT NULL,
	"reviewed_by" uuid NOT NULL,
	"decision" "screening_decision" NOT NULL,
	"note" text,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"patient_id" uuid,
	"inputs" jsonb NOT NULL,
	"decision" jsonb NOT NULL,
	"plan" jsonb NOT NULL,
	"overall_decision" "screening_decision" NOT NULL,
	"protocol_version" text NOT NULL,
	"policy" jsonb NOT NULL,
	"policy_version" integer,
	"assessed_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "clinic_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"clinic_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"policy" jsonb NOT NULL,
	"changes" jsonb NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_policies_version_positive" CHECK ("clinic_policies"."version" > 0)
);
--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessment_reviews" ADD CONSTRAINT "assessment_reviews_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_policies" ADD CONSTRAINT "clinic_policies_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_policies" ADD CONSTRAINT "clinic_policies_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assessment_reviews_assessment_time_idx" ON "assessment_reviews" USING btree ("assessment_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "assessments_clinic_time_idx" ON "assessments" USING btree ("clinic_id","created_at");--> statement-breakpoint
CREATE INDEX "assessments_patient_idx" ON "assessments" USING btree ("patient_id");--> statement-breakpoint
CREATE UNIQUE INDEX "clinic_policies_clinic_version_key" ON "clinic_policies" USING btree ("clinic_id","version");--> statement-breakpoint
-- Sign-offs and policy versions are append-only: a change is a new row. A direct
-- UPDATE or DELETE is refused; rows leave only when their clinic is deleted (the
-- foreign key's cascade runs one trigger level deeper).
CREATE FUNCTION reject_change_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assessment_reviews_append_only
  BEFORE UPDATE OR DELETE ON assessment_reviews
  FOR EACH ROW EXECUTE FUNCTION reject_change_append_only();
--> statement-breakpoint
CREATE TRIGGER clinic_policies_append_only
  BEFORE UPDATE OR DELETE ON clinic_policies
  FOR EACH ROW EXECUTE FUNCTION reject_change_append_only();
--> statement-breakpoint
-- Plans are written on every submission and read rarely: keep their out-of-line
-- copies uncompressed, which spares the compression work on the hot insert path.
ALTER TABLE assessments ALTER COLUMN plan SET STORAGE EXTERNAL;
--> statement-breakpoint
ALTER TABLE assessments ALTER COLUMN decision SET STORAGE EXTERNAL;
