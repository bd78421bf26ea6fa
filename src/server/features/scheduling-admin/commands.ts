// Scheduling set-up commands: each write runs in one transaction with its audit
// row. The clinic is always the caller's (from the principal); an id of another
// clinic answers 404 like an unknown one, audited (denyAsNotFound).
import { ConflictError, ForbiddenError } from '../../../domain/errors.ts';
import type { Db } from '../../../db/database.ts';
import { recordAuditEvent, type AuditActor } from '../../../db/repositories/audit.ts';
import {
  DEFAULT_BOOKING_RULES,
  cancelTimeBlock,
  deleteHoliday,
  deviceInClinic,
  findActiveStaffRole,
  findServiceSettings,
  insertTimeBlock,
  insertWaitlistEntry,
  replaceWorkingHours,
  roomInClinic,
  serviceInClinic,
  updateServiceSettings,
  upsertBookingRules,
  upsertHoliday,
  type BookingRulesRow,
  type HolidayRow,
  type ServiceSettingsRow,
  type TimeBlockRow,
  type WaitlistRow,
  type WorkingHoursSpan,
} from '../../../db/repositories/scheduling-admin.ts';
import { isClinicPatient } from '../../../db/repositories/scheduling.ts';
import type { Role } from '../../auth/principal.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import type {
  BookingRulesView,
  ServiceSettingsBody,
  TimeBlockBody,
  WaitlistBody,
} from '../../../domain/contracts/scheduling-admin.ts';

export interface SchedulingAdminContext {
  clinicId: string;
  userId: string;
  role: Role;
  actor: AuditActor;
}

const PRACTITIONER_ROLES = new Set(['practitioner', 'clinic_admin']);

/** A practitioner (or admin) who works in this clinic, or 404 audited. */
async function requirePractitioner(db: Db, context: SchedulingAdminContext, userId: string): Promise<void> {
  const role = await findActiveStaffRole(db, context.clinicId, userId);
  if (role === undefined || !PRACTITIONER_ROLES.has(role)) {
    await denyAsNotFound(db, context.actor, {
      what: 'The practitioner',
      resourceType: 'practitioner',
      resourceId: userId,
    });
  }
}

async function requireService(db: Db, context: SchedulingAdminContext, serviceId: string): Promise<void> {
  if (!(await serviceInClinic(db, context.clinicId, serviceId))) {
    await denyAsNotFound(db, context.actor, { what: 'The service', resourceType: 'service', resourceId: serviceId });
  }
}

export async function readableWorkingHoursOwner(
  db: Db,
  context: SchedulingAdminContext,
  userId: string,
): Promise<void> {
  await requirePractitioner(db, context, userId);
}

export async function setWorkingHours(
  db: Db,
  context: SchedulingAdminContext,
  userId: string,
  spans: readonly WorkingHoursSpan[],
): Promise<void> {
  await requirePractitioner(db, context, userId);
  if (context.role !== 'clinic_admin' && userId !== context.userId) {
    await recordAuditEvent(db, context.actor, {
      action: 'access_denied',
      outcome: 'denied',
      resourceType: 'practitioner',
      resourceId: userId,
    });
    throw new ForbiddenError('not_your_hours', 'A practitioner may change only their own working hours.');
  }
  await db.transaction(async (tx) => {
    await replaceWorkingHours(tx, context.clinicId, userId, spans);
    await recordAuditEvent(tx, context.actor, {
      action: 'working_hours_changed',
      outcome: 'allowed',
      resourceType: 'practitioner',
      resourceId: userId,
    });
  });
}

export async function createTimeBlock(
  db: Db,
  context: SchedulingAdminContext,
  body: TimeBlockBody,
): Promise<TimeBlockRow> {
  if (body.practitionerId !== undefined) await requirePractitioner(db, context, body.practitionerId);
  if (body.roomId !== undefined && !(await roomInClinic(db, context.clinicId, body.roomId))) {
    await denyAsNotFound(db, context.actor, { what: 'The room', resourceType: 'room', resourceId: body.roomId });
  }
  if (body.deviceId !== undefined && !(await deviceInClinic(db, context.clinicId, body.deviceId))) {
    await denyAsNotFound(db, context.actor, { what: 'The device', resourceType: 'device', resourceId: body.deviceId });
  }
  const result = await db.transaction(async (tx) => {
    const inserted = await insertTimeBlock(tx, {
      clinicId: context.clinicId,
      practitionerId: body.practitionerId ?? null,
      roomId: body.roomId ?? null,
      deviceId: body.deviceId ?? null,
      start: new Date(Date.parse(body.start)),
      end: new Date(Date.parse(body.end)),
      note: body.note === undefined || body.note === '' ? null : body.note,
      createdBy: context.userId,
    });
    if (inserted.kind === 'overlap') return inserted;
    await recordAuditEvent(tx, context.actor, {
      action: 'time_block_created',
      outcome: 'allowed',
      resourceType: 'booking',
      resourceId: inserted.block.id,
    });
    return inserted;
  });
  if (result.kind === 'overlap') {
    throw new ConflictError(
      'slot_unavailable',
      'That time overlaps a booking or another block of the same practitioner, room or device.',
    );
  }
  return result.block;
}

export async function removeTimeBlock(db: Db, context: SchedulingAdminContext, id: string): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    if (!(await cancelTimeBlock(tx, context.clinicId, id, context.userId))) return false;
    await recordAuditEvent(tx, context.actor, {
      action: 'time_block_removed',
      outcome: 'allowed',
      resourceType: 'booking',
      resourceId: id,
    });
    return true;
  });
  if (!removed)
    await denyAsNotFound(db, context.actor, { what: 'The time block', resourceType: 'booking', resourceId: id });
}

export async function setBookingRules(
  db: Db,
  context: SchedulingAdminContext,
  rules: BookingRulesView,
): Promise<BookingRulesRow & { updatedAt: Date }> {
  return db.transaction(async (tx) => {
    const row = await upsertBookingRules(tx, context.clinicId, { ...DEFAULT_BOOKING_RULES, ...rules }, context.userId);
    await recordAuditEvent(tx, context.actor, {
      action: 'booking_rules_changed',
      outcome: 'allowed',
      resourceType: 'clinic',
      resourceId: context.clinicId,
    });
    return row;
  });
}

export async function changeServiceSettings(
  db: Db,
  context: SchedulingAdminContext,
  serviceId: string,
  body: ServiceSettingsBody,
): Promise<ServiceSettingsRow> {
  await requireService(db, context, serviceId);
  const { practitionerIds, ...changes } = body;
  for (const userId of practitionerIds ?? []) await requirePractitioner(db, context, userId);
  return db.transaction(async (tx) => {
    await updateServiceSettings(tx, context.clinicId, serviceId, changes, practitionerIds);
    await recordAuditEvent(tx, context.actor, {
      action: 'service_changed',
      outcome: 'allowed',
      resourceType: 'service',
      resourceId: serviceId,
    });
    return (await findServiceSettings(tx, context.clinicId, serviceId))!;
  });
}

export async function addHoliday(db: Db, context: SchedulingAdminContext, holiday: HolidayRow): Promise<HolidayRow> {
  return db.transaction(async (tx) => {
    const row = await upsertHoliday(tx, context.clinicId, holiday);
    await recordAuditEvent(tx, context.actor, {
      action: 'holiday_added',
      outcome: 'allowed',
      resourceType: 'holiday',
      resourceId: holiday.day,
    });
    return row;
  });
}

export async function removeHoliday(db: Db, context: SchedulingAdminContext, day: string): Promise<void> {
  const removed = await db.transaction(async (tx) => {
    if (!(await deleteHoliday(tx, context.clinicId, day))) return false;
    await recordAuditEvent(tx, context.actor, {
      action: 'holiday_removed',
      outcome: 'allowed',
      resourceType: 'holiday',
      resourceId: day,
    });
    return true;
  });
  if (!removed)
    await denyAsNotFound(db, context.actor, { what: 'The holiday', resourceType: 'holiday', resourceId: day });
}

export async function addToWaitlist(db: Db, context: SchedulingAdminContext, body: WaitlistBody): Promise<WaitlistRow> {
  if (!(await isClinicPatient(db, context.clinicId, body.patientId))) {
    await denyAsNotFound(db, context.actor, {
      what: 'The patient',
      resourceType: 'patient',
      resourceId: body.patientId,
      patientId: undefined,
    });
  }
  await requireService(db, context, body.serviceId);
  if (body.practitionerId !== undefined) await requirePractitioner(db, context, body.practitionerId);
  return db.transaction(async (tx) => {
    const row = await insertWaitlistEntry(tx, {
      clinicId: context.clinicId,
      patientId: body.patientId,
      serviceId: body.serviceId,
      practitionerId: body.practitionerId ?? null,
      windowStart: body.windowStart,
      windowEnd: body.windowEnd,
    });
    await recordAuditEvent(tx, context.actor, {
      action: 'waitlist_entry_added',
      outcome: 'allowed',
      resourceType: 'waitlist_entry',
      resourceId: row.id,
      patientId: body.patientId,
    });
    return row;
  });
}

export { requirePractitioner, requireService };
