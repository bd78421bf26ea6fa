// Booking benchmarks on their own (issue 6): availability over HTTP on PGlite, booking
// throughput against pgbench on PostgreSQL, and the one-slot contention test on both.
//
//   node --import tsx bench/booking-run.ts                       # PGlite parts only
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/booking-run.ts
//
// BENCH_BOOKINGS (default 3000) sets how many bookings the throughput run makes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  ISSUE_HTTP_CALENDAR,
  measureAvailabilityHttp,
  measureBookingThroughput,
  measureContention,
  pickFreeSlots,
  prepareBookingCalendar,
  runPgbench,
  seedDemo,
  signIn,
  startPunctaServer,
} from './booking.ts';

const AVAILABILITY_SERVICE = 'face'; // "Micro-needling: face": 60 min, 10 min cleaning, a pen
const BOOKING_SERVICE = 'consultation'; // 30 min, no buffer, no pen: the most slots to book
const throughputBookings = Number(process.env.BENCH_BOOKINGS ?? 3000);

function serviceId(services: Record<string, string>, code: string): string {
  const id = services[code] ?? Object.entries(services).find(([key]) => key.includes(code))?.[1];
  if (id === undefined) throw new Error(`no service "${code}" among ${Object.keys(services).join(', ')}`);
  return id;
}

// --- PGlite: availability over HTTP, then contention ------------------------------
{
  const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-bench-booking-'));
  try {
    await seedDemo({ PUNCTA_DATA_DIR: dataDir });
    const calendar = await prepareBookingCalendar({ kind: 'pglite', dataDir }, ISSUE_HTTP_CALENDAR);
    console.log(
      `\nPGlite calendar: ${calendar.practitioners} practitioners, ${calendar.rooms} rooms, ${calendar.devices} devices, ` +
        `${calendar.bookingsPlaced} existing bookings over ${ISSUE_HTTP_CALENDAR.spanDays} days (zone ${calendar.timeZone}); ` +
        `services: ${Object.keys(calendar.services).join(', ')}`,
    );
    const server = await startPunctaServer({ PUNCTA_DATA_DIR: dataDir });
    try {
      const availability = await measureAvailabilityHttp(
        server.url,
        serviceId(calendar.services, AVAILABILITY_SERVICE),
        {
          engine: 'PGlite',
          pid: server.pid,
        },
      );
      console.log('\nGET /api/v1/availability, one service, 30 days, 50 clients (autocannon), target p99 < 50 ms:\n');
      console.table(availability);
      const session = await signIn(server.url);
      const bookingService = serviceId(calendar.services, BOOKING_SERVICE);
      const slots = await pickFreeSlots(server.url, bookingService, 20, { maxDays: 80 });
      const contention = await measureContention(server.url, session, bookingService, calendar.patientIds, slots, {
        engine: 'PGlite',
      });
      console.log('\nContention on PGlite: 200 concurrent POST /api/v1/bookings for one slot, 20 rounds:\n');
      console.table([{ ...contention, createdPerRound: contention.createdPerRound.join(' ') }]);
    } finally {
      await server.stop();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

// --- PostgreSQL: booking throughput vs pgbench, then contention ----------------------
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl === undefined || serverUrl === '') {
  console.log('\n(Set BENCH_DATABASE_URL to a PostgreSQL server for the throughput and PostgreSQL contention parts.)');
} else {
  const name = `puncta_bench_booking_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`drop database if exists ${name} with (force)`);
  await admin(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-bench-booking-pg-'));
  try {
    const env = { DATABASE_URL: databaseUrl, PUNCTA_DATA_DIR: dataDir };
    await seedDemo(env);
    // A fresh calendar a year deep, so that there are enough distinct free slots to book.
    const calendar = await prepareBookingCalendar(
      { kind: 'postgres', url: databaseUrl, poolSize: 2 },
      { ...ISSUE_HTTP_CALENDAR, bookings: 0, maxDaysAhead: 400 },
    );
    const server = await startPunctaServer(env);
    try {
      const session = await signIn(server.url);
      const bookingService = serviceId(calendar.services, BOOKING_SERVICE);
      const slots = await pickFreeSlots(server.url, bookingService, throughputBookings + 20, { maxDays: 399 });
      const contentionSlots = slots.splice(slots.length - 20, 20);
      const throughput = await measureBookingThroughput(
        server.url,
        session,
        bookingService,
        calendar.patientIds,
        slots,
        {
          engine: 'PostgreSQL',
          pid: server.pid,
        },
      );
      const pgbench = await runPgbench(databaseUrl);
      console.log(
        `\nPOST /api/v1/bookings on PostgreSQL, ${throughput.connections} concurrent clients, each request a distinct ` +
          `free slot and key (pool DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? '10 (default)'}); ` +
          'pgbench one-row insert, -c 50 -j 2 -T 10, same server, same run:\n',
      );
      console.table([
        {
          ...throughput,
          pgbenchTps: pgbench.tps,
          ratioToPgbench: Math.round((throughput.bookingsPerSecond / pgbench.tps) * 1000) / 1000,
          meetsTarget500: throughput.bookingsPerSecond >= 500,
        },
      ]);
      const contention = await measureContention(
        server.url,
        session,
        bookingService,
        calendar.patientIds,
        contentionSlots,
        {
          engine: 'PostgreSQL',
        },
      );
      console.log('\nContention on PostgreSQL: 200 concurrent POST /api/v1/bookings for one slot, 20 rounds:\n');
      console.table([{ ...contention, createdPerRound: contention.createdPerRound.join(' ') }]);
    } finally {
      await server.stop();
    }
  } finally {
    await admin(`drop database if exists ${name} with (force)`);
    await rm(dataDir, { recursive: true, force: true });
  }
}
