// Display names for answers that name practitioners by id (availability slots, series
// proposals): one small query per answer, clinic-scoped, so a screen can show
// "Dr. Maya Okafor" instead of an id. Additive: the ids stay as they are.
import type { Db } from '../../../db/database.ts';
import { staffNames } from '../../../db/repositories/booking-series.ts';
import type { SchedulingSetup } from '../../../db/repositories/scheduling.ts';
import type { PractitionerName } from '../../../domain/contracts/scheduling.ts';

/** The service's practitioners with their names, in the setup's order (those without a name are left out). */
export async function practitionerNames(
  db: Db,
  clinicId: string,
  setup: Pick<SchedulingSetup, 'practitioners'>,
): Promise<PractitionerName[]> {
  const names = await staffNames(
    db,
    clinicId,
    setup.practitioners.map((practitioner) => practitioner.id),
  );
  return setup.practitioners.flatMap((practitioner) => {
    const displayName = names.get(practitioner.id);
    return displayName === undefined ? [] : [{ id: practitioner.id, displayName }];
  });
}

/** Each slot with its practitioner's name added (`practitionerName`), when known. */
export function withPractitionerNames<T extends { practitionerId: string }>(
  slots: readonly T[],
  names: readonly PractitionerName[],
): (T & { practitionerName?: string })[] {
  const byId = new Map(names.map((entry) => [entry.id, entry.displayName]));
  return slots.map((slot) => {
    const name = byId.get(slot.practitionerId);
    return name === undefined ? { ...slot } : { ...slot, practitionerName: name };
  });
}
