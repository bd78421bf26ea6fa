// The database schema in TypeScript. Migrations in src/db/migrations are generated
// from this file with `npm run db:generate`; `npm run check` fails if they drift.
// Every row that belongs to a clinic carries its clinic_id (tenancy from day one).
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
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
