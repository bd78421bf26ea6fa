// Booking benchmarks (issue 6, "Performance"), as functions for bench/run.ts to call
// and for bench/booking-run.ts to run on their own:
//
//  - prepareBookingCalendar: the demo clinic (run `puncta seed` first) grown to the
//    issue's calendar (4 practitioners, 3 rooms, 2 devices) plus existing bookings
//    written straight into the database, before the server opens it (PGlite admits
//    one process at a time).
//  - startPunctaServer / signIn: a real `puncta start` and a staff session (cookie + CSRF).
//  - measureAvailabilityHttp: GET /api/v1/availability, 30 days, 50 autocannon clients.
//  - pickFreeSlots / measureBookingThroughput: POST /api/v1/bookings, a distinct free
//    slot and Idempotency-Key per request, 50 concurrent clients: bookings per second.
//  - runPgbench: pgbench with a one-row insert on the same server, for the ratio.
//  - measureContention: 200 concurrent POSTs for one slot, N rounds: 201s per round.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import { openDatabase, type Database, type DatabaseConfig } from '../src/db/database.ts';
import { DAY_MS, MINUTE_MS, dayNumber, isoWeekday, wallClockInstants } from '../src/domain/scheduling/zoned-time.ts';

const run = promisify(execFile);

export const BENCH_DEMO_PASSWORD = 'bench-demo-password';
export const STAFF_EMAIL = 'frontdesk@demo.puncta.test';

/** The issue's calendar: 4 practitioners, 3 rooms, 2 devices, 5,000 bookings over a year. */
export const ISSUE_HTTP_CALENDAR = Object.freeze({
  practitioners: 4,
  rooms: 3,
  devices: 2,
  bookings: 5_000,
  spanDays: 365,
});

export interface CalendarTarget {
  practitioners: number;
  rooms: number;
  devices: number;
  /** Existing bookings to place (at random free places; some attempts find none). */
  bookings: number;
  /** Days the bookings are spread over, centred on today. */
  spanDays: number;
  /** Overrides booking_rules.max_days_ahead (default: leave the demo's 90). */
  maxDaysAhead?: number;
  seed?: number;
}

export interface PreparedCalendar {
  clinicId: string;
  timeZone: string;
  /** code -> id of the demo services. */
  services: Record<string, string>;
  patientIds: string[];
  practitioners: number;
  rooms: number;
  devices: number;
  bookingsPlaced: number;
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const str = (value: unknown) => String(value);

/** `node bin/puncta.js seed` on a data folder or DATABASE_URL (migrates, creates the demo clinic). */
export async function seedDemo(env: Record<string, string>): Promise<void> {
  await run(process.execPath, ['bin/puncta.js', 'seed'], {
    env: { ...process.env, LOG_LEVEL: 'warn', PUNCTA_DEMO_PASSWORD: BENCH_DEMO_PASSWORD, ...env },
  });
}

/**
 * Grows the seeded demo clinic to `target` (extra practitioners, rooms and pens, with the
 * demo's Mon-Fri 09:00-17:00 hours and every service) and inserts existing appointments
 * with SQL, each at a place free for its practitioner, room and pen (buffers included).
 * Opens the database with the app's own openDatabase, and closes it again.
 */
export async function prepareBookingCalendar(
  config: DatabaseConfig,
  target: CalendarTarget,
): Promise<PreparedCalendar> {
  const database = await openDatabase(config);
  try {
    return await prepareWith(database, target);
  } finally {
    await database.close();
  }
}

async function prepareWith(database: Database, target: CalendarTarget): Promise<PreparedCalendar> {
  const q = (text: string, values?: unknown[]) => database.executeSql(text, values);
  const [clinic] = (await q(`select id, time_zone from clinics order by created_at limit 1`)).rows;
  if (clinic === undefined) throw new Error('No clinic: run `puncta seed` first.');
  const clinicId = str(clinic.id);
  const timeZone = str(clinic.time_zone);

  // Practitioners, rooms, devices up to the target.
  const practitionerRows = async () =>
    (
      await q(
        `select user_id from clinic_memberships where clinic_id = $1 and role = 'practitioner' order by user_id`,
        [clinicId],
      )
    ).rows.map((row) => str(row.user_id));
  let practitioners = await practitionerRows();
  const serviceRows = (
    await q(
      `select id, code, kind, duration_minutes, buffer_before_minutes, buffer_after_minutes, needs_room, device_class,
              price_cents, currency from services where clinic_id = $1 and active order by code`,
      [clinicId],
    )
  ).rows;
  for (let index = practitioners.length; index < target.practitioners; index++) {
    const [user] = (
      await q(`insert into users (email, display_name, email_verified_at) values ($1, $2, now()) returning id`, [
        `bench-practitioner${index + 1}@bench.puncta.invalid`,
        `Bench practitioner ${index + 1}`,
      ])
    ).rows;
    const userId = str(user!.id);
    await q(`insert into clinic_memberships (clinic_id, user_id, role) values ($1, $2, 'practitioner')`, [
      clinicId,
      userId,
    ]);
    for (const weekday of [1, 2, 3, 4, 5]) {
      await q(
        `insert into working_hours (clinic_id, user_id, weekday, starts_at, ends_at) values ($1, $2, $3, '09:00', '17:00')`,
        [clinicId, userId, weekday],
      );
    }
    for (const service of serviceRows) {
      await q(
        `insert into service_practitioners (clinic_id, service_id, user_id) values ($1, $2, $3) on conflict do nothing`,
        [clinicId, service.id, userId],
      );
    }
  }
  practitioners = await practitionerRows();
  const roomIds = async () =>
    (await q(`select id from rooms where clinic_id = $1 order by name`, [clinicId])).rows.map((row) => str(row.id));
  let rooms = await roomIds();
  for (let index = rooms.length; index < target.rooms; index++) {
    await q(`insert into rooms (clinic_id, name) values ($1, $2)`, [clinicId, `Bench room ${index + 1}`]);
  }
  rooms = await roomIds();
  const deviceRows = async () =>
    (await q(`select id, device_class from devices where clinic_id = $1 order by name`, [clinicId])).rows;
  let devices = await deviceRows();
  for (let index = devices.length; index < target.devices; index++) {
    await q(
      `insert into devices (clinic_id, name, model, device_class, serial_number, max_evaluated_depth_mm)
             values ($1, $2, 'Bench pen', 'mechanical_pen', $3, 1.5)`,
      [clinicId, `Bench pen ${index + 1}`, `BENCH-${index + 1}`],
    );
  }
  devices = await deviceRows();
  if (target.maxDaysAhead !== undefined) {
    await q(`update booking_rules set max_days_ahead = $2 where clinic_id = $1`, [clinicId, target.maxDaysAhead]);
  }
  const patientIds = (await q(`select id from patients where clinic_id = $1 order by id`, [clinicId])).rows.map((row) =>
    str(row.id),
  );
  const [creator] = (
    await q(`select user_id from clinic_memberships where clinic_id = $1 and role = 'front_desk' limit 1`, [clinicId])
  ).rows;

  // Existing appointments, spread over `spanDays` centred on today, 09:00-17:00 local.
  const random = seeded(target.seed ?? 42);
  const today = dayNumber(new Date().toISOString().slice(0, 10));
  const taken = new Map<string, [number, number][]>();
  const free = (key: string, from: number, to: number) =>
    (taken.get(key) ?? []).every(([start, end]) => end <= from || start >= to);
  const take = (key: string, from: number, to: number) => {
    const list = taken.get(key) ?? [];
    list.push([from, to]);
    taken.set(key, list);
  };
  const rows: unknown[][] = [];
  for (let attempt = 0; attempt < target.bookings * 40 && rows.length < target.bookings; attempt++) {
    const day = today + Math.floor(random() * target.spanDays) - Math.floor(target.spanDays / 2);
    if (isoWeekday(day) > 5) continue;
    const service = serviceRows[Math.floor(random() * serviceRows.length)]!;
    const duration = Number(service.duration_minutes);
    const before = Number(service.buffer_before_minutes);
    const after = Number(service.buffer_after_minutes);
    const latest = 17 * 60 - duration - after;
    const minute = 9 * 60 + before + Math.floor(random() * Math.max(1, (latest - 9 * 60 - before) / 15 + 1)) * 15;
    if (minute + duration + after > 17 * 60) continue;
    const startMs = wallClockInstants(timeZone, day, minute)[0];
    if (startMs === undefined) continue;
    const endMs = startMs + duration * MINUTE_MS;
    const from = startMs - before * MINUTE_MS;
    const to = endMs + after * MINUTE_MS;
    const practitionerId = practitioners[Math.floor(random() * practitioners.length)]!;
    if (!free(`p:${practitionerId}`, from, to)) continue;
    const roomId = service.needs_room === true ? rooms.find((id) => free(`r:${id}`, from, to)) : null;
    if (roomId === undefined) continue;
    let deviceId: string | null = null;
    if (service.device_class !== null) {
      const device = devices.find(
        (row) => row.device_class === service.device_class && free(`d:${str(row.id)}`, from, to),
      );
      if (device === undefined) continue;
      deviceId = str(device.id);
    }
    take(`p:${practitionerId}`, from, to);
    if (roomId !== null) take(`r:${roomId}`, from, to);
    if (deviceId !== null) take(`d:${deviceId}`, from, to);
    rows.push([
      clinicId,
      service.id,
      patientIds[rows.length % patientIds.length],
      practitionerId,
      roomId,
      deviceId,
      new Date(startMs).toISOString(),
      new Date(endMs).toISOString(),
      new Date(from).toISOString(),
      new Date(to).toISOString(),
      service.price_cents,
      service.currency,
      creator?.user_id ?? null,
    ]);
  }
  const width = 13;
  for (let offset = 0; offset < rows.length; offset += 500) {
    const chunk = rows.slice(offset, offset + 500);
    const tuples = chunk.map((_, index) => {
      const p = (column: number) => `$${index * width + column}`;
      return (
        `(${p(1)}::uuid, 'appointment', 'active', ${p(2)}::uuid, ${p(3)}::uuid, ${p(4)}::uuid, ${p(5)}::uuid, ${p(6)}::uuid, ` +
        `${p(7)}::timestamptz, ${p(8)}::timestamptz, tstzrange(${p(9)}::timestamptz, ${p(10)}::timestamptz, '[)'), ` +
        `${p(11)}::int, ${p(12)}::text, ${p(13)}::uuid)`
      );
    });
    await database.executeSql(
      `insert into bookings (clinic_id, kind, status, service_id, patient_id, practitioner_id, room_id, device_id,
         starts_at, ends_at, occupied, price_cents, currency, created_by) values ${tuples.join(', ')}`,
      chunk.flat(),
    );
  }
  await q(`analyze`);
  return {
    clinicId,
    timeZone,
    services: Object.fromEntries(serviceRows.map((row) => [str(row.code), str(row.id)])),
    patientIds,
    practitioners: practitioners.length,
    rooms: rooms.length,
    devices: devices.length,
    bookingsPlaced: rows.length,
  };
}

// --- the server -------------------------------------------------------------

export interface RunningServer {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** `puncta start` on an already prepared database (PORT 0); resolves once /readyz answers 200. */
export async function startPunctaServer(env: Record<string, string>): Promise<RunningServer> {
  const child: ChildProcess = spawn(process.execPath, ['bin/puncta.js', 'start', '--skip-web-build'], {
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', PUNCTA_DEMO_PASSWORD: BENCH_DEMO_PASSWORD, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`no start within 120 s:\n${output}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Puncta is running at (\S+)/.exec(output);
      if (match?.[1] !== undefined) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${output}`)));
  });
  for (;;) {
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok === true) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface StaffSession {
  origin: string;
  cookie: string;
  csrfToken: string;
}

/** POST /api/v1/auth/login; keeps the session cookie and the CSRF token (sent as x-csrf-token). */
export async function signIn(url: string, email = STAFF_EMAIL, password = BENCH_DEMO_PASSWORD): Promise<StaffSession> {
  const origin = new URL(url).origin;
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { csrfToken?: string };
  if (!response.ok || body.csrfToken === undefined) {
    throw new Error(`login ${response.status}: ${JSON.stringify(body)}`);
  }
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0]!)
    .join('; ');
  return { origin, cookie, csrfToken: body.csrfToken };
}

function writeHeaders(session: StaffSession): Record<string, string> {
  return {
    'content-type': 'application/json',
    origin: session.origin,
    cookie: session.cookie,
    'x-csrf-token': session.csrfToken,
  };
}

// --- availability over HTTP ---------------------------------------------------

export interface AvailabilityHttpFigures {
  engine: string;
  round: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Non-2xx answers plus socket errors and timeouts (autocannon's 10 s). */
  failed: number;
  non2xx: number;
  timeouts: number;
  slotsPerAnswer: number;
  /** The node's CPU time (all threads) per request: steadier than latency on a busy machine. */
  serverCpuMsPerRequest: number | null;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  targetP99Ms: number;
  meetsTarget: boolean;
}

/** Tomorrow 00:00 UTC onwards, as ISO instants (the notice period keeps today mostly closed). */
function rangeFromTomorrow(days: number, offsetDays = 1): { from: string; to: string } {
  const start = Math.floor(Date.now() / DAY_MS) * DAY_MS + offsetDays * DAY_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + days * DAY_MS).toISOString() };
}

/**
 * GET /api/v1/availability for one service over 30 days, 50 autocannon clients,
 * `rounds` rounds of `seconds` (after a 2 s warm-up); the last row is the median round.
 */
export async function measureAvailabilityHttp(
  url: string,
  serviceId: string,
  options: {
    engine?: string;
    connections?: number;
    seconds?: number;
    rounds?: number;
    days?: number;
    pid?: number;
  } = {},
): Promise<AvailabilityHttpFigures[]> {
  const cpu = async () => (options.pid === undefined ? 0 : cpuMs(options.pid));
  const connections = options.connections ?? 50;
  const seconds = options.seconds ?? 10;
  const { from, to } = rangeFromTomorrow(options.days ?? 30);
  const target = `/api/v1/availability?${new URLSearchParams({ serviceId, from, to }).toString()}`;
  const probe = await fetch(url + target);
  const probeBody = (await probe.json()) as { slots?: unknown[] };
  if (!probe.ok) throw new Error(`availability ${probe.status}: ${JSON.stringify(probeBody)}`);
  await autocannon({ url: url + target, connections: 10, duration: 2 });
  const rounds: AvailabilityHttpFigures[] = [];
  for (let round = 1; round <= (options.rounds ?? 3); round++) {
    const cpuBefore = await cpu();
    const result = await autocannon({ url: url + target, connections, duration: seconds });
    const cpuUsed = (await cpu()) - cpuBefore;
    const failed = result.non2xx + result.errors; // autocannon counts timeouts among errors
    rounds.push({
      engine: options.engine ?? 'PGlite',
      round: String(round),
      connections,
      seconds,
      requests: result.requests.total,
      failed,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
      slotsPerAnswer: probeBody.slots?.length ?? 0,
      serverCpuMsPerRequest:
        options.pid === undefined ? null : Math.round((cpuUsed * 100) / Math.max(1, result.requests.total)) / 100,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      targetP99Ms: 50,
      meetsTarget: result.latency.p99 < 50 && failed === 0,
    });
  }
  const median = [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(rounds.length / 2)]!;
  return [...rounds, { ...median, round: 'median' }];
}

// --- free slots ---------------------------------------------------------------

export interface SlotChoice {
  start: string;
  practitionerId: string;
}

interface OfferedSlot {
  start: string;
  end: string;
  practitionerId: string;
  roomId: string;
  deviceId: string | null;
}

/**
 * Up to `count` slots that can all be booked together: read from GET /availability
 * (62-day windows from tomorrow), kept only when practitioner, room and pen are free
 * of every slot already kept, with `bufferMinutes` around each (the service's buffers).
 * Starts are kept on a grid of the service's length so the server's own room/pen
 * choice cannot collide with a later pick.
 */
export async function pickFreeSlots(
  url: string,
  serviceId: string,
  count: number,
  options: { bufferBeforeMinutes?: number; bufferAfterMinutes?: number; maxDays?: number } = {},
): Promise<SlotChoice[]> {
  const before = (options.bufferBeforeMinutes ?? 0) * MINUTE_MS;
  const after = (options.bufferAfterMinutes ?? 0) * MINUTE_MS;
  const taken = new Map<string, [number, number][]>();
  const free = (key: string, from: number, to: number) =>
    (taken.get(key) ?? []).every(([start, end]) => end <= from || start >= to);
  const take = (key: string, from: number, to: number) => {
    const list = taken.get(key) ?? [];
    list.push([from, to]);
    taken.set(key, list);
  };
  const chosen: SlotChoice[] = [];
  const maxDays = options.maxDays ?? 400;
  for (let offset = 1; offset < maxDays && chosen.length < count; offset += 62) {
    const { from, to } = rangeFromTomorrow(Math.min(62, maxDays - offset), offset);
    const response = await fetch(
      `${url}/api/v1/availability?${new URLSearchParams({ serviceId, from, to }).toString()}`,
    );
    if (!response.ok) break;
    const { slots } = (await response.json()) as { slots: OfferedSlot[] };
    if (slots.length === 0) break;
    let gridMs = 0;
    for (const slot of slots) {
      const startMs = Date.parse(slot.start);
      const endMs = Date.parse(slot.end);
      gridMs ||= endMs - startMs + before + after;
      if ((startMs - Date.parse(slots[0]!.start)) % gridMs !== 0) continue;
      const lo = startMs - before;
      const hi = endMs + after;
      const keys = [
        `p:${slot.practitionerId}`,
        `r:${slot.roomId}`,
        ...(slot.deviceId === null ? [] : [`d:${slot.deviceId}`]),
      ];
      if (!keys.every((key) => free(key, lo, hi))) continue;
      for (const key of keys) take(key, lo, hi);
      chosen.push({ start: slot.start, practitionerId: slot.practitionerId });
      if (chosen.length >= count) break;
    }
  }
  return chosen;
}

// --- booking throughput -----------------------------------------------------------

export interface BookingThroughputFigures {
  engine: string;
  connections: number;
  requests: number;
  created: number;
  conflicts: number;
  otherFailures: number;
  seconds: number;
  bookingsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** The node's CPU time per request (null without its pid); PostgreSQL's own CPU is not in it. */
  serverCpuMsPerRequest: number | null;
}

/** POST /api/v1/bookings, one distinct slot and key per request, `connections` at a time. */
export async function measureBookingThroughput(
  url: string,
  session: StaffSession,
  serviceId: string,
  patientIds: readonly string[],
  slots: readonly SlotChoice[],
  options: { engine?: string; connections?: number; pid?: number } = {},
): Promise<BookingThroughputFigures> {
  const connections = options.connections ?? 50;
  const cpuBefore = options.pid === undefined ? 0 : await cpuMs(options.pid);
  const headers = writeHeaders(session);
  const durations: number[] = [];
  let next = 0;
  let created = 0;
  let conflicts = 0;
  let other = 0;
  let firstOther = '';
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < slots.length) {
        const index = next++;
        const slot = slots[index]!;
        const t0 = performance.now();
        const response = await fetch(`${url}/api/v1/bookings`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            serviceId,
            start: slot.start,
            practitionerId: slot.practitionerId,
            patientId: patientIds[index % patientIds.length],
          }),
        });
        const text = await response.text();
        durations.push(performance.now() - t0);
        if (response.status === 201) created++;
        else if (response.status === 409) conflicts++;
        else {
          other++;
          firstOther ||= `${response.status} ${text.slice(0, 300)}`;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const cpuUsed = options.pid === undefined ? 0 : (await cpuMs(options.pid)) - cpuBefore;
  if (firstOther !== '') console.error(`booking failures (${other}), first: ${firstOther}`);
  durations.sort((a, b) => a - b);
  const at = (q: number) => Math.round((durations[Math.floor(q * (durations.length - 1))] ?? 0) * 10) / 10;
  return {
    engine: options.engine ?? 'PostgreSQL',
    connections,
    requests: slots.length,
    created,
    conflicts,
    otherFailures: other,
    seconds: Math.round(seconds * 100) / 100,
    bookingsPerSecond: Math.round(created / seconds),
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    serverCpuMsPerRequest:
      options.pid === undefined ? null : Math.round((cpuUsed * 100) / Math.max(1, slots.length)) / 100,
  };
}

// --- pgbench ------------------------------------------------------------------------

export interface PgbenchFigures {
  clients: number;
  threads: number;
  seconds: number;
  transactions: number;
  tps: number;
}

/** pgbench -n -c 50 -j 2 -T 10 -f insert.sql: one-row inserts into a scratch table (dropped after). */
export async function runPgbench(
  databaseUrl: string,
  options: { pgBin?: string; clients?: number; threads?: number; seconds?: number } = {},
): Promise<PgbenchFigures> {
  const pgBin = options.pgBin ?? '/usr/lib/postgresql/15/bin';
  const clients = options.clients ?? 50;
  const threads = options.threads ?? 2;
  const seconds = options.seconds ?? 10;
  const dir = await mkdtemp(path.join(tmpdir(), 'puncta-pgbench-'));
  const psql = (sql: string) =>
    run(path.join(pgBin, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-c', sql]);
  try {
    await psql(
      'drop table if exists bench_scratch; create table bench_scratch (id bigserial primary key, client int not null, at timestamptz not null default now())',
    );
    const script = path.join(dir, 'insert.sql');
    await writeFile(script, 'insert into bench_scratch (client) values (:client_id);\n');
    const { stdout } = await run(
      path.join(pgBin, 'pgbench'),
      ['-n', '-c', String(clients), '-j', String(threads), '-T', String(seconds), '-f', script, databaseUrl],
      {
        maxBuffer: 10 * 1024 * 1024,
      },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(stdout)?.[1] ?? Number.NaN);
    const transactions = Number(/number of transactions actually processed: (\d+)/.exec(stdout)?.[1] ?? Number.NaN);
    return { clients, threads, seconds, transactions, tps: Math.round(tps) };
  } finally {
    await psql('drop table if exists bench_scratch').catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

// --- contention -----------------------------------------------------------------------

export interface ContentionFigures {
  engine: string;
  rounds: number;
  concurrency: number;
  /** 201s per round, in order. */
  createdPerRound: number[];
  conflicts: number;
  otherFailures: number;
  exactlyOneEachTime: boolean;
  msPerRoundMedian: number;
}

/** `concurrency` simultaneous POSTs for the same slot (each its own key), `rounds` times, a fresh slot each round. */
export async function measureContention(
  url: string,
  session: StaffSession,
  serviceId: string,
  patientIds: readonly string[],
  slots: readonly SlotChoice[],
  options: { engine?: string; rounds?: number; concurrency?: number } = {},
): Promise<ContentionFigures> {
  const rounds = options.rounds ?? 20;
  const concurrency = options.concurrency ?? 200;
  if (slots.length < rounds) throw new Error(`need ${rounds} free slots, have ${slots.length}`);
  const headers = writeHeaders(session);
  const createdPerRound: number[] = [];
  const times: number[] = [];
  let conflicts = 0;
  let other = 0;
  let firstOther = '';
  for (let round = 0; round < rounds; round++) {
    const slot = slots[round]!;
    const t0 = performance.now();
    const statuses = await Promise.all(
      Array.from({ length: concurrency }, async (_, index) => {
        const response = await fetch(`${url}/api/v1/bookings`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            serviceId,
            start: slot.start,
            practitionerId: slot.practitionerId,
            patientId: patientIds[index % patientIds.length],
          }),
        });
        const text = await response.text();
        if (response.status !== 201 && response.status !== 409)
          firstOther ||= `${response.status} ${text.slice(0, 300)}`;
        return response.status;
      }),
    );
    times.push(performance.now() - t0);
    createdPerRound.push(statuses.filter((status) => status === 201).length);
    conflicts += statuses.filter((status) => status === 409).length;
    other += statuses.filter((status) => status !== 201 && status !== 409).length;
  }
  if (firstOther !== '') console.error(`contention failures (${other}), first: ${firstOther}`);
  times.sort((a, b) => a - b);
  return {
    engine: options.engine ?? 'PGlite',
    rounds,
    concurrency,
    createdPerRound,
    conflicts,
    otherFailures: other,
    exactlyOneEachTime: createdPerRound.every((created) => created === 1),
    msPerRoundMedian: Math.round(times[Math.floor(times.length / 2)]!),
  };
}

/** CPU time (user + system) a process has used so far, from /proc (clock ticks of 10 ms). */
export async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
