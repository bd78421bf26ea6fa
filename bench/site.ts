// The public site's figures (issue 5): an article page with 200 approved comments
// under 50 concurrent clients, its size, whether anything blocks rendering, and
// the Lighthouse scores of the home page and the article.
//
// bench/run.ts (or bench/site-run.ts) calls, in this order:
//   1. prepareArticleWithComments(dataDir)  before the server starts on that data dir;
//   2. measureArticlePage(articleUrl)       against the running `puncta start`;
//   3. measureLighthouse(baseUrl, paths)    idem.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { and, count, eq, inArray, sql } from 'drizzle-orm';

/** The demo article the comments go under (seeded by `puncta seed`). */
export const BENCH_ARTICLE_SLUG = 'what-is-micro-needling';
export const BENCH_COMMENT_COUNT = 200;
/** Issue 5's targets. */
export const ARTICLE_TARGET_RPS = 1_000;
export const ARTICLE_TARGET_GZIP_BYTES = 60 * 1024;
export const LIGHTHOUSE_TARGET_SCORE = 95;

const CONNECTIONS = 50;
const SECONDS = 10;
const ROUNDS = 3;

const ENV_FOR_CHILD = {
  LOG_LEVEL: 'warn',
  PUNCTA_DEMO_PASSWORD: 'bench-demo-password',
};

// ---------------------------------------------------------------------------
// 1. The data: the demo clinic and 200 approved comments on one article
// ---------------------------------------------------------------------------

export interface PreparedArticle {
  slug: string;
  /** Path of the article page, e.g. /articles/what-is-micro-needling. */
  path: string;
  /** Approved comments and replies on it (what the page's heading counts). */
  approvedComments: number;
  /** Of those, answers from the clinic (staff). */
  staffAnswers: number;
  /** Of those, replies to another comment. */
  replies: number;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`)),
    );
  });
}

/** A small deterministic generator, so every bench run renders the same page. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const NAMES = [
  'Megan R.',
  'Tomás',
  'Priya',
  'Chris W.',
  'Aoife',
  'Jamal',
  'Sofia L.',
  'Hannah',
  'Kenji',
  'Olu',
  'Marta',
  'Ben T.',
  'Leila',
  'Sam',
  'Ingrid',
  'Rafael',
  'Noor',
  'Grace',
  'Dmitri',
  'Zoë',
];
const SENTENCES = [
  'I had my first session three weeks ago and the redness was gone after two days.',
  'How many sessions would you usually plan for acne scars on the cheeks?',
  'Is it safe to combine this with a retinoid cream, or should I stop that before?',
  'My skin was a bit flaky around day four, but a plain moisturiser helped a lot.',
  'Thank you for writing this: it answers most of what I wanted to ask at my consultation.',
  'Does the depth of the needles change for the forehead compared with the cheeks?',
  'I read on https://www.aad.org/ that sunscreen matters a lot afterwards; how long should I be careful?',
  'What is the difference between this and a chemical peel for fine lines?',
  'The numbing cream made it much more comfortable than I expected.',
  'Would you recommend it for stretch marks on the upper arms as well?',
  'I found the section about home rollers really useful, see also example.org/skin-care for a summary.',
  'After my second treatment the texture of my skin is noticeably smoother.',
  'Can I exercise the day after, or is sweating a problem for the skin?',
  'We booked the sessions four weeks apart, as suggested here, and it worked well.',
  'Is there anything I should avoid eating or drinking before the appointment?',
];

function commentBody(random: () => number): string {
  const paragraphs = 1 + Math.floor(random() * 3);
  const parts: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences = 1 + Math.floor(random() * 3);
    const lines: string[] = [];
    for (let s = 0; s < sentences; s++) lines.push(SENTENCES[Math.floor(random() * SENTENCES.length)]!);
    parts.push(lines.join(random() < 0.2 ? '\n' : ' '));
  }
  return parts.join('\n\n');
}

/**
 * Seeds the demo clinic into `dataDir` (the `puncta seed` command, in a child
 * process), then adds approved comments to BENCH_ARTICLE_SLUG until it has
 * BENCH_COMMENT_COUNT: mostly readers' comments, a fifth of them replies, some
 * from the clinic's practitioners, a few with links and websites. Run it before
 * `puncta start` opens the same data dir (PGlite allows one process at a time).
 * With `databaseUrl`, the same on a PostgreSQL database instead.
 */
export async function prepareArticleWithComments(
  dataDir: string,
  options: { databaseUrl?: string } = {},
): Promise<PreparedArticle> {
  const env: Record<string, string> = {
    ...ENV_FOR_CHILD,
    PUNCTA_DATA_DIR: dataDir,
    ...(options.databaseUrl === undefined ? {} : { DATABASE_URL: options.databaseUrl }),
  };
  await run(process.execPath, ['bin/puncta.js', 'seed'], env);

  const { loadConfig } = await import('../src/platform/config.ts');
  const { openDatabase } = await import('../src/db/database.ts');
  const { articles, clinics, comments, users } = await import('../src/db/schema.ts');
  const database = await openDatabase(loadConfig({ ...process.env, ...env }).database);
  try {
    const { db } = database;
    const [article] = await db
      .select({ id: articles.id, clinicId: articles.clinicId })
      .from(articles)
      .innerJoin(clinics, eq(clinics.id, articles.clinicId))
      .where(eq(articles.slug, BENCH_ARTICLE_SLUG))
      .limit(1);
    if (article === undefined) throw new Error(`the demo article ${BENCH_ARTICLE_SLUG} was not seeded`);
    const staff = await db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.email, ['practitioner1@demo.puncta.test', 'practitioner2@demo.puncta.test']));
    const approved = eq(comments.status, 'approved');
    const [existing] = await db
      .select({ n: count() })
      .from(comments)
      .where(and(eq(comments.articleId, article.id), approved));
    const missing = BENCH_COMMENT_COUNT - (existing?.n ?? 0);

    const random = generator(20251125);
    const start = Date.now() - 200 * 24 * 60 * 60 * 1000;
    const topLevel: string[] = [];
    for (let index = 0; index < missing; index++) {
      const createdAt = new Date(start + index * 23 * 60 * 60 * 1000);
      // Every fifth comment answers an earlier one; half of those answers come from the clinic.
      const isReply = topLevel.length > 0 && index % 5 === 4;
      const fromStaff = isReply && staff.length > 0 && index % 10 === 9;
      const person = fromStaff ? staff[index % staff.length]! : undefined;
      const name = person?.name ?? NAMES[Math.floor(random() * NAMES.length)]!;
      const [row] = await db
        .insert(comments)
        .values({
          clinicId: article.clinicId,
          articleId: article.id,
          parentId: isReply ? topLevel[Math.floor(random() * topLevel.length)]! : null,
          status: 'approved',
          authorName: name,
          authorEmail: person === undefined ? `reader${index}@readers.example` : null,
          authorWebsite: person === undefined && random() < 0.1 ? `https://blog${index}.example/` : null,
          staffUserId: person?.id ?? null,
          body: commentBody(random),
          moderatedAt: createdAt,
          createdAt,
        })
        .returning({ id: comments.id });
      if (!isReply && row !== undefined) topLevel.push(row.id);
    }
    const [figures] = await db
      .select({
        approved: count(),
        staff: sql<number>`count(*) filter (where ${comments.staffUserId} is not null)`.mapWith(Number),
        replies: sql<number>`count(*) filter (where ${comments.parentId} is not null)`.mapWith(Number),
      })
      .from(comments)
      .where(and(eq(comments.articleId, article.id), approved));
    return {
      slug: BENCH_ARTICLE_SLUG,
      path: `/articles/${BENCH_ARTICLE_SLUG}`,
      approvedComments: figures?.approved ?? 0,
      staffAnswers: figures?.staff ?? 0,
      replies: figures?.replies ?? 0,
    };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------
// 2. The article page under load
// ---------------------------------------------------------------------------

export interface ArticleRound {
  round: string;
  requests: number;
  /** Non-2xx answers plus socket errors and timeouts. */
  failed: number;
  requestsPerSecond: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  /** The server's CPU time (all its threads) per request, when its pid is known: steadier than req/s on a busy machine. */
  serverCpuMsPerRequest: number | null;
}

export interface ArticlePageFigures {
  url: string;
  connections: number;
  seconds: number;
  rounds: ArticleRound[];
  /** The median round by requests per second, and the range over all rounds. */
  medianRequestsPerSecond: number;
  minRequestsPerSecond: number;
  maxRequestsPerSecond: number;
  medianP50Ms: number;
  medianP99Ms: number;
  htmlBytes: number;
  gzipBytes: number;
  /** Comments (and placeholders) on the page, counted in its HTML. */
  commentsOnPage: number;
  /** <script src> in the head without defer, async or type=module, and stylesheets beyond the one. */
  renderBlockingScripts: number;
  meetsTarget: boolean;
}

/** CPU time a process has used so far (user + system), from /proc. */
async function cpuMs(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The page's bytes as sent with `accept-encoding: gzip` (fetch would decompress them). */
function fetchGzip(url: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          encoding: response.headers['content-encoding'],
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Scripts in the document that hold up the first paint: classic, external, neither deferred nor async. */
export function countRenderBlockingScripts(html: string): number {
  const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
  return scripts.filter((tag) => /\ssrc=/i.test(tag) && !/\s(defer|async)\b|type="module"/i.test(tag)).length;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * GET `articleUrl` (the page prepareArticleWithComments filled) with 50 concurrent
 * connections for 10 s, three rounds after a warm-up, every request asking for
 * gzip as browsers do. autocannon runs in this process, so on a small machine it
 * competes with the server for the CPU: the figures are a floor. Pass the
 * server's pid for its CPU time per request.
 */
export async function measureArticlePage(
  articleUrl: string,
  options: { pid?: number; rounds?: number; seconds?: number; connections?: number } = {},
): Promise<ArticlePageFigures> {
  const rounds = options.rounds ?? ROUNDS;
  const seconds = options.seconds ?? SECONDS;
  const connections = options.connections ?? CONNECTIONS;
  const page = await fetchGzip(articleUrl);
  if (page.status !== 200) throw new Error(`${articleUrl}: ${page.status}`);
  const html = (page.encoding === 'gzip' ? gunzipSync(page.body) : page.body).toString('utf8');
  const headers = { 'accept-encoding': 'gzip' };
  await autocannon({ url: articleUrl, connections: 10, duration: 2, headers });
  const results: ArticleRound[] = [];
  for (let round = 1; round <= rounds; round++) {
    const cpuBefore = options.pid === undefined ? 0 : await cpuMs(options.pid);
    const result = await autocannon({ url: articleUrl, connections, duration: seconds, headers });
    results.push({
      round: String(round),
      requests: result.requests.total,
      failed: result.non2xx + result.errors + result.timeouts,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p90Ms: result.latency.p90,
      p99Ms: result.latency.p99,
      serverCpuMsPerRequest:
        options.pid === undefined
          ? null
          : Math.round((((await cpuMs(options.pid)) - cpuBefore) * 1000) / Math.max(1, result.requests.total)) / 1000,
    });
  }
  const rps = results.map((round) => round.requestsPerSecond);
  const renderBlockingScripts = countRenderBlockingScripts(html);
  const medianRequestsPerSecond = median(rps);
  return {
    url: articleUrl,
    connections,
    seconds,
    rounds: results,
    medianRequestsPerSecond,
    minRequestsPerSecond: Math.min(...rps),
    maxRequestsPerSecond: Math.max(...rps),
    medianP50Ms: median(results.map((round) => round.p50Ms)),
    medianP99Ms: median(results.map((round) => round.p99Ms)),
    htmlBytes: Buffer.byteLength(html),
    gzipBytes: page.encoding === 'gzip' ? page.body.length : Number.NaN,
    commentsOnPage: (html.match(/<li id="comment-/g) ?? []).length,
    renderBlockingScripts,
    meetsTarget:
      medianRequestsPerSecond >= ARTICLE_TARGET_RPS &&
      page.encoding === 'gzip' &&
      page.body.length < ARTICLE_TARGET_GZIP_BYTES &&
      renderBlockingScripts === 0 &&
      results.every((round) => round.failed === 0),
  };
}

// ---------------------------------------------------------------------------
// 3. Lighthouse
// ---------------------------------------------------------------------------

export interface LighthouseFigures {
  path: string;
  /** "mobile" is Lighthouse's default (a mid-range phone on slow 4G, simulated); "desktop" its desktop preset. */
  formFactor: 'mobile' | 'desktop';
  performance: number;
  accessibility: number;
  seo: number;
  bestPractices: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  cumulativeLayoutShift: number;
  /** Audits below a full score that count in one of the four categories, by id. */
  flagged: string[];
  meetsTarget: boolean;
}

/** Debian's Chromium; CHROME_PATH overrides it. */
const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

/**
 * Lighthouse 12 (it runs on Node 20; 13 needs 22) on each path of `baseUrl`, with
 * the mobile default and the desktop preset, in one Chromium. The four category
 * scores are 0–100; the target is 95 for performance, accessibility and SEO.
 */
export async function measureLighthouse(
  baseUrl: string,
  paths: readonly string[],
  options: { formFactors?: readonly ('mobile' | 'desktop')[] } = {},
): Promise<LighthouseFigures[]> {
  const { default: lighthouse, desktopConfig } = await import('lighthouse');
  const { launch } = await import('chrome-launcher');
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  const figures: LighthouseFigures[] = [];
  try {
    for (const path of paths) {
      for (const formFactor of options.formFactors ?? (['mobile', 'desktop'] as const)) {
        const url = new URL(path, baseUrl).toString();
        const result = await lighthouse(
          url,
          {
            port: chrome.port,
            logLevel: 'error',
            output: 'json',
            onlyCategories: ['performance', 'accessibility', 'seo', 'best-practices'],
          },
          formFactor === 'desktop' ? desktopConfig : undefined,
        );
        if (result === undefined) throw new Error(`Lighthouse gave no result for ${url}`);
        const { categories, audits } = result.lhr;
        const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
        const numeric = (id: string) => Math.round((audits[id]?.numericValue ?? Number.NaN) * 1000) / 1000;
        const counted = new Set(
          Object.values(categories).flatMap((category) =>
            category.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id),
          ),
        );
        const flagged = Object.values(audits)
          .filter((audit) => counted.has(audit.id) && audit.score !== null && audit.score < 1)
          .map((audit) => `${audit.id} (${Math.round((audit.score ?? 0) * 100)})`);
        const row: LighthouseFigures = {
          path,
          formFactor,
          performance: score('performance'),
          accessibility: score('accessibility'),
          seo: score('seo'),
          bestPractices: score('best-practices'),
          firstContentfulPaintMs: Math.round(numeric('first-contentful-paint')),
          largestContentfulPaintMs: Math.round(numeric('largest-contentful-paint')),
          totalBlockingTimeMs: Math.round(numeric('total-blocking-time')),
          cumulativeLayoutShift: numeric('cumulative-layout-shift'),
          flagged,
          meetsTarget: false,
        };
        row.meetsTarget = [row.performance, row.accessibility, row.seo].every(
          (value) => value >= LIGHTHOUSE_TARGET_SCORE,
        );
        figures.push(row);
      }
    }
  } finally {
    chrome.kill();
  }
  return figures;
}
