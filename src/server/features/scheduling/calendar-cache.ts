// Each app node keeps every clinic's calendar for the booking horizon in memory,
// parsed and indexed, so an availability search is a search of the index plus a check
// that nothing changed, instead of loading and parsing the calendar every time.
// Exact, not eventually consistent: a change committed before the check is seen.
//   - PostgreSQL server (any number of nodes): one small query per search, "did a
//     transaction my snapshot did not see touch this clinic?"
//     (src/db/repositories/calendar-changes.ts).
//   - PGlite (one process holds the database): the calendar triggers NOTIFY at
//     commit and PGlite hands the notice over before the committing caller resumes,
//     so a search needs no query at all.
// Writes do not use this cache: they check the slot against the database inside
// their own transaction, and the exclusion constraints have the last word.
import { listenInProcess, type Db } from '../../../db/database.ts';
import { calendarChangedSince, currentSnapshot, type Snapshot } from '../../../db/repositories/calendar-changes.ts';
import { loadCalendar, loadSchedulingSetup, type SchedulingSetup } from '../../../db/repositories/scheduling.ts';
import { indexCalendar, type CalendarIndex } from '../../../domain/scheduling/index.ts';
import { isoUtc } from '../../../db/repositories/scheduling.ts';
import type { PractitionerName } from '../../../domain/contracts/scheduling.ts';
import { practitionerNames } from './names.ts';

const DAY_MS = 86_400_000;
/** The NOTIFY channel of the calendar triggers (migration 0009). */
const CHANNEL = 'puncta_calendar';
/** Rebuilt at least this often, so the loaded window keeps up with the clock. */
const MAX_AGE_MS = 5 * 60_000;
/** Loaded beyond the searched days on both sides: buffers and whole local days. */
const MARGIN_MS = 2 * DAY_MS;

interface ClinicCalendar {
  builtAtMs: number;
  /** The clinic's change count (PGlite notices) when the build began. */
  generation: number;
  /** The database snapshot this copy is current as of (moved forward by each check). */
  snapshot: Snapshot;
  /** The copy holds for searches in [fromMs, toMs) (margins already taken off). */
  fromMs: number;
  toMs: number;
  /** A hold in it lapses then: rebuild. */
  validUntilMs: number;
  index: CalendarIndex;
  setups: Map<string, ServiceSetup>;
}

/** A service's set-up with the display names of who gives it. */
interface ServiceSetup {
  setup: SchedulingSetup;
  /** Names are not clinic data the triggers watch: they may lag a rename by one rebuild (5 minutes at most). */
  practitioners: PractitionerName[];
}

class CalendarCache {
  private readonly clinics = new Map<string, ClinicCalendar>();
  private readonly building = new Map<string, Promise<ClinicCalendar | undefined>>();
  /** Changes noticed per clinic (PGlite only). */
  private readonly generations = new Map<string, number>();
  private notices: Promise<boolean> | undefined;

  constructor(private readonly db: Db) {}

  /** Whether commits are noticed in this process (PGlite); subscribes on first use. */
  private noticesCommits(): Promise<boolean> {
    this.notices ??= listenInProcess(this.db, CHANNEL, (clinicId) => {
      this.generations.set(clinicId, this.generation(clinicId) + 1);
    }).then((stop) => stop !== undefined);
    return this.notices;
  }

  private generation(clinicId: string): number {
    return this.generations.get(clinicId) ?? 0;
  }

  /**
   * The service's set-up and the clinic's calendar indexed for searches in
   * [fromMs, toMs), current as of now; undefined when the clinic has no such active
   * service. Searches beyond the booking horizon get undefined calendars too: callers
   * then read the database directly.
   */
  async forSearch(
    clinicId: string,
    serviceId: string,
    fromMs: number,
    toMs: number,
    nowMs: number,
  ): Promise<{
    setup: SchedulingSetup | undefined;
    practitioners: PractitionerName[];
    index: CalendarIndex | undefined;
  }> {
    let entry = this.clinics.get(clinicId);
    if (entry !== undefined && !(await this.stillCurrent(clinicId, entry, nowMs))) {
      this.clinics.delete(clinicId);
      entry = undefined;
    }
    if (entry === undefined) {
      // A build already under way may have started before a change this request must see: check it too.
      const pending = this.building.get(clinicId);
      const shared = pending === undefined ? undefined : await pending;
      entry = shared !== undefined && (await this.stillCurrent(clinicId, shared, nowMs)) ? shared : undefined;
    }
    if (entry === undefined) {
      entry = await this.build(clinicId, serviceId, nowMs);
      if (entry === undefined) return { setup: undefined, practitioners: [], index: undefined };
    }
    let found = entry.setups.get(serviceId);
    if (found === undefined) {
      // Read after the check, so at least as new as the snapshot; a change after it
      // is caught by the next check, which then drops the whole copy.
      const setup = await loadSchedulingSetup(this.db, clinicId, serviceId);
      if (setup === undefined) return { setup: undefined, practitioners: [], index: undefined };
      found = { setup, practitioners: await practitionerNames(this.db, clinicId, setup) };
      entry.setups.set(serviceId, found);
    }
    const { setup, practitioners } = found;
    // Nothing is offered past the booking horizon (the first instant after today's
    // local date + maxDaysAhead: at most a day and a DST hour past now + maxDaysAhead).
    const horizonMs = nowMs + (setup.rules.maxDaysAhead + 1) * DAY_MS + 2 * 3_600_000;
    const covered =
      fromMs >= entry.fromMs && Math.min(toMs, horizonMs) <= entry.toMs && setup.timeZone === entry.index.zone;
    return { setup, practitioners, index: covered ? entry.index : undefined };
  }

  private async stillCurrent(clinicId: string, entry: ClinicCalendar, nowMs: number): Promise<boolean> {
    if (nowMs - entry.builtAtMs > MAX_AGE_MS || nowMs >= entry.validUntilMs || nowMs < entry.builtAtMs) return false;
    if (await this.noticesCommits()) return entry.generation === this.generation(clinicId);
    const { changed, snapshot } = await calendarChangedSince(this.db, clinicId, entry.snapshot);
    if (changed) return false;
    entry.snapshot = snapshot;
    return true;
  }

  private build(clinicId: string, serviceId: string, nowMs: number): Promise<ClinicCalendar | undefined> {
    // Many requests arriving together share one build.
    const build = this.load(clinicId, serviceId, nowMs).finally(() => this.building.delete(clinicId));
    this.building.set(clinicId, build);
    return build;
  }

  private async load(clinicId: string, serviceId: string, nowMs: number): Promise<ClinicCalendar | undefined> {
    // Counted before reading: a change noticed during the build makes the result stale at once.
    await this.noticesCommits();
    const generation = this.generation(clinicId);
    // One snapshot for the set-up, the calendar and the snapshot's own description.
    const entry = await this.db.transaction(
      async (tx) => {
        const snapshot = await currentSnapshot(tx);
        const setup = await loadSchedulingSetup(tx, clinicId, serviceId);
        if (setup === undefined) return undefined;
        const practitioners = await practitionerNames(tx, clinicId, setup);
        const fromMs = nowMs - MARGIN_MS;
        const toMs = nowMs + (setup.rules.maxDaysAhead + 2) * DAY_MS + MARGIN_MS;
        const calendar = await loadCalendar(tx, clinicId, null, fromMs, toMs, nowMs);
        const index = indexCalendar({
          clinic: { timeZone: setup.timeZone, holidays: setup.holidays },
          practitioners: [],
          bookings: calendar.bookings,
          blocks: calendar.blocks,
          now: isoUtc(nowMs),
        });
        return {
          builtAtMs: nowMs,
          generation,
          snapshot,
          fromMs: fromMs + MARGIN_MS,
          toMs: toMs - MARGIN_MS,
          validUntilMs: Math.min(calendar.firstHoldExpiryMs, index.validUntilMs),
          index,
          setups: new Map([[serviceId, { setup, practitioners }]]),
        } satisfies ClinicCalendar;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    if (entry !== undefined) this.clinics.set(clinicId, entry);
    return entry;
  }
}

const caches = new WeakMap<Db, CalendarCache>();

/** The calendar cache of one database (tests run several apps, each with its own, in one process). */
export function calendarCache(db: Db): CalendarCache {
  let cache = caches.get(db);
  if (cache === undefined) caches.set(db, (cache = new CalendarCache(db)));
  return cache;
}
