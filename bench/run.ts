// `npm run bench`: cold start and memory of a real `puncta start`, on PGlite and,
// when BENCH_DATABASE_URL names a PostgreSQL server, on PostgreSQL too; then
// request latency on the running node. Figures are printed as a table.
//
//   npm run bench
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import { benchClinical, benchInputs } from './clinical.ts';
import { ISSUE_TARGET_CALENDAR, benchAvailability } from '../src/domain/scheduling/bench.ts';

interface StartFigures {
  engine: string;
  coldStartMs: number;
  readyRssMb: number;
  loadedRssMb: number;
  p50Ms: number;
  p95Ms: number;
  requestsPerSecond: number;
}

interface AssessmentHttpFigures {
  engine: string;
  round: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Non-2xx answers plus socket errors and timeouts. */
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** The node's CPU time (all its threads) per request: steadier than latency on a busy machine. */
  serverCpuMsPerRequest: number;
  targetP99Ms: number;
  meetsTarget: boolean;
}

const ASSESSMENT_CONNECTIONS = 50;
const ASSESSMENT_SECONDS = 10;
const ASSESSMENT_ROUNDS = 3;
const ASSESSMENT_TARGET_P99_MS = 25;

/** CPU time a process has used so far (user + system), from /proc. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100 a second).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * POST /api/v1/assessments under 50 concurrent clients (autocannon, in this process,
 * so it shares the machine with the node): screening, plan and the stored row with its
 * audit entry. Each connection cycles through a varied set of people. Several rounds,
 * because one round on a shared 2-core machine says little; the last row is the median.
 */
async function measureAssessments(url: string, engine: string, pid: number): Promise<AssessmentHttpFigures[]> {
  const origin = new URL(url).origin;
  const bodies = benchInputs(64).map((input) => JSON.stringify({ ...input, today: '2025-11-25' }));
  const requests = bodies.map((body) => ({
    method: 'POST' as const,
    path: '/api/v1/assessments',
    headers: { 'content-type': 'application/json', origin },
    body,
  }));
  // A short warm-up so the JIT and the database caches are not what is measured.
  await autocannon({ url, connections: 10, duration: 2, requests });
  const rounds: AssessmentHttpFigures[] = [];
  for (let round = 1; round <= ASSESSMENT_ROUNDS; round++) {
    const cpuBefore = await cpuMs(pid);
    const result = await autocannon({
      url,
      connections: ASSESSMENT_CONNECTIONS,
      duration: ASSESSMENT_SECONDS,
      requests,
    });
    const failed = result.non2xx + result.errors + result.timeouts;
    rounds.push({
      engine,
      round: String(round),
      connections: ASSESSMENT_CONNECTIONS,
      seconds: ASSESSMENT_SECONDS,
      requests: result.requests.total,
      failed,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      serverCpuMsPerRequest:
        Math.round((((await cpuMs(pid)) - cpuBefore) * 1000) / Math.max(1, result.requests.total)) / 1000,
      targetP99Ms: ASSESSMENT_TARGET_P99_MS,
      meetsTarget: result.latency.p99 < ASSESSMENT_TARGET_P99_MS && failed === 0,
    });
  }
  const p99s = rounds.map((figures) => figures.p99Ms);
  const median = [...rounds].sort((a, b) => a.p99Ms - b.p99Ms)[Math.floor(rounds.length / 2)]!;
  return [...rounds, { ...median, round: `median (p99 ${Math.min(...p99s)}-${Math.max(...p99s)} ms)` }];
}

const assessmentResults: AssessmentHttpFigures[] = [];

const REQUESTS = 2_000;
const CONCURRENCY = 16;

async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function waitForUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
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
}

async function measureLatency(url: string): Promise<{ p50: number; p95: number; rps: number }> {
  const paths = ['/', '/api/v1/clinic', '/readyz', '/treatments'];
  const durations: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < REQUESTS) {
        const target = paths[next++ % paths.length]!;
        const t0 = performance.now();
        const response = await fetch(url + target);
        await response.arrayBuffer();
        if (!response.ok) throw new Error(`${target}: ${response.status}`);
        durations.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  durations.sort((a, b) => a - b);
  const at = (q: number) => Math.round(durations[Math.floor(q * (durations.length - 1))]! * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), rps: Math.round(REQUESTS / seconds) };
}

async function benchStart(engine: string, env: Record<string, string>): Promise<StartFigures> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-bench-'));
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/puncta.js', 'start'], {
    env: {
      ...process.env,
      PORT: '0',
      PUNCTA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PUNCTA_DEMO_PASSWORD: 'bench-demo-password',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const url = await waitForUrl(child);
    for (;;) {
      const ready = await fetch(`${url}/readyz`).catch(() => undefined);
      if (ready?.ok === true) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const coldStartMs = Math.round(performance.now() - t0);
    const readyRssMb = await rssMb(child.pid!);
    const latency = await measureLatency(url);
    const loadedRssMb = await rssMb(child.pid!);
    assessmentResults.push(...(await measureAssessments(url, engine, child.pid!)));
    return {
      engine,
      coldStartMs,
      readyRssMb,
      loadedRssMb,
      p50Ms: latency.p50,
      p95Ms: latency.p95,
      requestsPerSecond: latency.rps,
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function freshPostgresDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `puncta_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

const clinical = await benchClinical();
const results: StartFigures[] = [await benchStart('PGlite (embedded)', {})];
const serverUrl = process.env.BENCH_DATABASE_URL;
if (serverUrl !== undefined && serverUrl !== '') {
  const database = await freshPostgresDatabase(serverUrl);
  try {
    results.push(await benchStart('PostgreSQL server', { DATABASE_URL: database.url }));
  } finally {
    await database.drop();
  }
} else {
  console.log('(Set BENCH_DATABASE_URL to a PostgreSQL server to measure it too.)');
}

console.log(
  '\nCold start = spawn of `puncta start` on an empty database (migrate + seed demo) until /readyz answers 200.',
);
console.log(`Latency: ${REQUESTS} GETs over ${CONCURRENCY} connections to /, /treatments, /api/v1/clinic, /readyz.\n`);
console.table(results);

console.log('\nassessCandidate in-process (screening + plan), one core; target 20,000 per second:\n');
console.table([clinical]);
console.log(
  `\nPOST /api/v1/assessments: ${ASSESSMENT_CONNECTIONS} concurrent connections, ${ASSESSMENT_ROUNDS} rounds of ` +
    `${ASSESSMENT_SECONDS} s (autocannon), validate + screen + plan + store with audit row; ` +
    `target p99 < ${ASSESSMENT_TARGET_P99_MS} ms.\n`,
);
console.table(assessmentResults);

console.log(
  '\nScheduling in-process (issue 6): availability for one service over 30 days, 4 practitioners, 3 rooms, ' +
    '2 devices, 5,000 bookings (target 2,000 searches/s); a 6-session series with 4-6 week gaps (target < 5 ms):\n',
);
console.table([benchAvailability(ISSUE_TARGET_CALENDAR)]);

// Booking (issue 6): availability over HTTP, booking throughput against pgbench on
// PostgreSQL (with BENCH_DATABASE_URL) and the one-slot contention test, in their own process.
console.log('\nBooking: availability over HTTP, throughput vs pgbench, contention (bench/booking-run.ts):\n');
await new Promise<void>((resolve, reject) => {
  const booking = spawn(process.execPath, ['--import', 'tsx', 'bench/booking-run.ts'], { stdio: 'inherit' });
  booking.on('exit', (code) =>
    code === 0 ? resolve() : reject(new Error(`bench/booking-run.ts exited with ${code}`)),
  );
});

// The public site (issue 5): the article page with 200 comments and Lighthouse, in
// its own process on its own data folder (bench/site-run.ts prints its tables).
console.log('\nPublic site: article page with 200 comments, 50 clients, gzip; Lighthouse (mobile and desktop):\n');
await new Promise<void>((resolve, reject) => {
  const site = spawn(process.execPath, ['--import', 'tsx', 'bench/site-run.ts'], { stdio: 'inherit' });
  site.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/site-run.ts exited with ${code}`))));
});
