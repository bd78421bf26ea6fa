// The database schema in TypeScript. Migrations in src/db/migrations are generated
// from this file with `npm run db:generate`; `npm run check` fails if they drift.
// Every row that belongs to a clinic carries its clinic_id (tenancy from day one).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique('organizations_slug_key'),
  createdAt: createdAt(),
});

export const clinics = pgTable(
  'clinics',
  {
    id: id(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'restrict' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    /** IANA zone, e.g. America/New_York: opening hours are wall-clock times in it. */
    timeZone: text('time_zone').notNull(),
    email: text('email'),
    phone: text('phone'),
    addressLines: text('address_lines')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('clinics_organization_slug_key').on(table.organizationId, table.slug)],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    /** argon2id PHC string; null until the person sets a password. */
    passwordHash: text('password_hash'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    /** A disabled account cannot sign in anywhere (staff leaving the group, abuse). */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  // Emails compare case-insensitively; lower() keeps this portable to PGlite.
  (table) => [uniqueIndex('users_email_key').on(sql`lower(${table.email})`)],
);

export const staffRole = pgEnum('staff_role', ['front_desk', 'practitioner', 'clinic_admin']);

/** A person's role in one clinic; one person may work in several clinics. */
export const clinicMemberships = pgTable(
  'clinic_memberships',
  {
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: staffRole('role').notNull(),
    /** Shown on articles and plans, e.g. "Dermatologist (MD)". */
    title: text('title'),
    bio: text('bio'),
    /** Set when an admin deactivates the person in this clinic; their sessions here end. */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ name: 'clinic_memberships_pkey', columns: [table.clinicId, table.userId] })],
);

/** A patient of one clinic; user_id links the portal account when they have one. */
export const patients = pgTable(
  'patients',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'restrict' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    givenName: text('given_name').notNull(),
    familyName: text('family_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    dateOfBirth: text('date_of_birth'),
    /** Clinical staff only: the API leaves it out for front desk and for the patient list. */
    clinicalNotes: text('clinical_notes'),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('patients_clinic_user_key').on(table.clinicId, table.userId),
    index('patients_clinic_idx').on(table.clinicId),
  ],
);

export const rooms = pgTable(
  'rooms',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('rooms_clinic_name_key').on(table.clinicId, table.name)],
);

export const deviceClass = pgEnum('device_class', ['mechanical_pen', 'roller']);

export const devices = pgTable(
  'devices',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    model: text('model').notNull(),
    deviceClass: deviceClass('device_class').notNull(),
    serialNumber: text('serial_number'),
    /** The deepest setting the device's labelling says was evaluated (SkinPen: 1.5 mm). */
    maxEvaluatedDepthMm: numeric('max_evaluated_depth_mm', { precision: 4, scale: 2 }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex('devices_clinic_name_key').on(table.clinicId, table.name)],
);

export const serviceKind = pgEnum('service_kind', ['consultation', 'treatment']);

export const services = pgTable(
  'services',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name').notNull(),
    kind: serviceKind('kind').notNull(),
    description: text('description').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Minor currency units (cents) so sums are exact. */
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('services_clinic_code_key').on(table.clinicId, table.code),
    check('services_duration_positive', sql`${table.durationMinutes} > 0`),
    check('services_price_not_negative', sql`${table.priceCents} >= 0`),
  ],
);

export const outboxStatus = pgEnum('outbox_status', ['pending', 'sent', 'failed', 'kept']);

/**
 * Every email Puncta sends passes through here. With SMTP configured the queue
 * delivers it and marks it sent; without, it stays "kept" and staff read it in
 * the demo mailbox.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: id(),
    clinicId: uuid('clinic_id').references(() => clinics.id, { onDelete: 'cascade' }),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: outboxStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (table) => [
    index('outbox_messages_created_idx').on(table.createdAt),
    // The delivery sweep looks for pending rows every minute; keep that cheap.
    index('outbox_messages_pending_idx')
      .on(table.createdAt)
      .where(sql`${table.status} = 'pending'`),
  ],
);

/** One row per run of a scheduled maintenance task: proof that the queue works. */
export const maintenanceRuns = pgTable('maintenance_runs', {
  id: id(),
  task: text('task').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  finishedAt: timestamp('finished_at', { withTimezone: true }).notNull().defaultNow(),
  details: jsonb('details')
    .notNull()
    .default(sql`'{}'::jsonb`),
});

// ---------------------------------------------------------------------------
// Identity, access and audit
// ---------------------------------------------------------------------------

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is
 * stored (id), so a database leak does not hand out sessions. The role is not
 * stored: it is read from the membership on each request, so a role change or
 * deactivation takes effect at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The clinic this session acts in (staff may belong to several). */
    clinicId: uuid('clinic_id').references(() => clinics.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    /** Absolute end, whatever the activity. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
    mfaVerifiedAt: timestamp('mfa_verified_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

export const authTokenPurpose = pgEnum('auth_token_purpose', [
  'email_verification',
  'password_reset',
  'sign_in_link',
  'staff_invite',
]);

/** Single-use, expiring tokens sent by email; stored as SHA-256 only. */
export const authTokens = pgTable(
  'auth_tokens',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    purpose: authTokenPurpose('purpose').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    clinicId: uuid('clinic_id').references(() => clinics.id, { onDelete: 'cascade' }),
    /** Purpose-specific data, e.g. the role of a staff invitation. Never secrets. */
    payload: jsonb('payload')
      .notNull()
      .default(sql`'{}'::jsonb`),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('auth_tokens_token_hash_key').on(table.tokenHash)],
);

/** A staff member's authenticator (TOTP); the secret is encrypted at rest. */
export const totpCredentials = pgTable('totp_credentials', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  secretCiphertext: text('secret_ciphertext').notNull(),
  /** Null until the first code is entered: enrolment is not finished before that. */
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last accepted time step, so a code cannot be replayed within its window. */
  lastUsedStep: integer('last_used_step'),
  createdAt: createdAt(),
});

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (table) => [index('recovery_codes_user_idx').on(table.userId)],
);

/** Personal API tokens for scripts and integrations (Bearer), stored hashed. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    scopes: text('scopes').array().notNull(),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [uniqueIndex('api_tokens_token_hash_key').on(table.tokenHash)],
);

/** Fixed-window counters for throttling, shared by every node through the database. */
export const rateLimitBuckets = pgTable('rate_limit_buckets', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
});

export const auditOutcome = pgEnum('audit_outcome', ['allowed', 'denied', 'failed']);

/**
 * Who touched what, when, from where, and whether it was allowed. Append-only:
 * a trigger rejects UPDATE and DELETE (migration 0002). No foreign keys: the
 * record outlives the rows it mentions. Never holds data values, passwords or
 * tokens: ids and action names only.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: id(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id'),
    role: text('role'),
    clinicId: uuid('clinic_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    patientId: uuid('patient_id'),
    requestId: text('request_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    outcome: auditOutcome('outcome').notNull(),
  },
  (table) => [
    index('audit_events_clinic_time_idx').on(table.clinicId, table.occurredAt),
    index('audit_events_patient_time_idx').on(table.patientId, table.occurredAt),
    index('audit_events_user_time_idx').on(table.userId, table.occurredAt),
  ],
);

// ---------------------------------------------------------------------------
// Self-assessments and clinic policy (issue 4)
// ---------------------------------------------------------------------------

/** The screener's five answers, least to most restrictive (src/domain/clinical/vocabulary.ts). */
export const screeningDecision = pgEnum('screening_decision', [
  'proceed',
  'proceed_with_precautions',
  'physician_review',
  'defer',
  'not_suitable',
]);

/**
 * One submitted self-assessment, kept with everything needed to reproduce its
 * decision: the inputs, the protocol version, the clinic policy and the date it
 * was assessed as of. Anonymous ones have no patient until claimed.
 */
export const assessments = pgTable(
  'assessments',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    patientId: uuid('patient_id').references(() => patients.id, { onDelete: 'set null' }),
    /** The request: birthDate, fitzpatrick, concerns, areas, answers (without today). */
    inputs: jsonb('inputs').notNull(),
    decision: jsonb('decision').notNull(),
    plan: jsonb('plan').notNull(),
    overallDecision: screeningDecision('overall_decision').notNull(),
    protocolVersion: text('protocol_version').notNull(),
    /** The clinic policy the screener read, in full. */
    policy: jsonb('policy').notNull(),
    /** Version of the clinic's stored policy; null when the documented defaults applied. */
    policyVersion: integer('policy_version'),
    /** The "today" the assessment was made as of (clinic's local date unless the caller sent one). */
    assessedOn: date('assessed_on', { mode: 'string' }).notNull(),
    /**
     * SHA-256 of the one-time secret handed to an anonymous submitter, so they (and
     * nobody who only knows the id) can link it to their account later. Cleared
     * once claimed; null for assessments made while signed in.
     */
    claimTokenHash: text('claim_token_hash'),
    createdAt: createdAt(),
  },
  (table) => [
    index('assessments_clinic_time_idx').on(table.clinicId, table.createdAt),
    index('assessments_patient_idx').on(table.patientId),
  ],
);

/**
 * A practitioner's sign-off on an assessment. Append-only (trigger in the
 * migration): a second opinion adds a row, the latest row is the current status.
 * Rows go only with their clinic (cascade, e.g. the demo reset), never one by one.
 */
export const assessmentReviews = pgTable(
  'assessment_reviews',
  {
    id: id(),
    assessmentId: uuid('assessment_id')
      .notNull()
      .references(() => assessments.id, { onDelete: 'cascade' }),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    reviewedBy: uuid('reviewed_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    decision: screeningDecision('decision').notNull(),
    note: text('note'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('assessment_reviews_assessment_time_idx').on(table.assessmentId, table.reviewedAt)],
);

/**
 * The clinic's screening policy, one row per version (append-only): the newest
 * row applies; with no row the documented defaults do. `changes` is what
 * describePolicyChange said about the step from the previous version.
 */
export const clinicPolicies = pgTable(
  'clinic_policies',
  {
    id: id(),
    clinicId: uuid('clinic_id')
      .notNull()
      .references(() => clinics.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    policy: jsonb('policy').notNull(),
    changes: jsonb('changes').notNull(),
    updatedBy: uuid('updated_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('clinic_policies_clinic_version_key').on(table.clinicId, table.version),
    check('clinic_policies_version_positive', sql`${table.version} > 0`),
  ],
);
