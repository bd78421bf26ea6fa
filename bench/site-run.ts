// The public site's figures on their own (issue 5), without the rest of `npm run bench`:
//
//   node --import tsx bench/site-run.ts
//   SITE_BENCH_COMPARE=1 node --import tsx bench/site-run.ts   # also /about and an article without comments
//   SITE_BENCH_LIGHTHOUSE=0 node --import tsx bench/site-run.ts  # skip Lighthouse
//
// Seeds the demo clinic and 200 approved comments into a fresh data dir, starts
// `puncta start` on it as a child process (as bench/run.ts does), then measures.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  ARTICLE_TARGET_GZIP_BYTES,
  ARTICLE_TARGET_RPS,
  LIGHTHOUSE_TARGET_SCORE,
  measureArticlePage,
  measureLighthouse,
  prepareArticleWithComments,
  type ArticlePageFigures,
} from './site.ts';

/** A demo article that has no demo comments. */
const ARTICLE_WITHOUT_COMMENTS = '/articles/how-micro-needling-works';

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

function summary(label: string, figures: ArticlePageFigures) {
  return {
    page: label,
    'req/s (median)': figures.medianRequestsPerSecond,
    'req/s (range)': `${figures.minRequestsPerSecond}-${figures.maxRequestsPerSecond}`,
    'p50 ms': figures.medianP50Ms,
    'p99 ms': figures.medianP99Ms,
    'server CPU ms/req': figures.rounds.map((round) => round.serverCpuMsPerRequest).join(' / '),
    'HTML KB': Math.round(figures.htmlBytes / 102.4) / 10,
    'gzip KB': Math.round(figures.gzipBytes / 102.4) / 10,
    comments: figures.commentsOnPage,
    'blocking scripts': figures.renderBlockingScripts,
  };
}

const dataDir = await mkdtemp(path.join(tmpdir(), 'puncta-site-bench-'));
let child: ChildProcess | undefined;
try {
  const prepared = await prepareArticleWithComments(dataDir);
  console.log(
    `${prepared.path}: ${prepared.approvedComments} approved comments ` +
      `(${prepared.replies} replies, ${prepared.staffAnswers} answers from the clinic).`,
  );
  child = spawn(process.execPath, ['bin/puncta.js', 'start'], {
    env: {
      ...process.env,
      PORT: '0',
      PUNCTA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      PUNCTA_DEMO_PASSWORD: 'bench-demo-password',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child);
  for (;;) {
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.ok === true) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const pid = child.pid!;

  const article = await measureArticlePage(url + prepared.path, { pid });
  const rows = [summary(`${prepared.path} (${prepared.approvedComments} comments)`, article)];
  if (process.env.SITE_BENCH_COMPARE === '1') {
    rows.push(
      summary(
        `${ARTICLE_WITHOUT_COMMENTS} (no comments)`,
        await measureArticlePage(url + ARTICLE_WITHOUT_COMMENTS, { pid }),
      ),
    );
    rows.push(summary('/about', await measureArticlePage(`${url}/about`, { pid })));
  }
  console.log(
    `\nGET with accept-encoding: gzip, ${article.connections} connections, ${article.rounds.length} rounds of ` +
      `${article.seconds} s (autocannon in this process, sharing the machine with the server). ` +
      `Target: ${ARTICLE_TARGET_RPS} req/s on PGlite, under ${ARTICLE_TARGET_GZIP_BYTES / 1024} KB compressed, ` +
      'no render-blocking script.\n',
  );
  console.table(article.rounds);
  console.table(rows);
  console.log(`Article page meets the target: ${article.meetsTarget ? 'yes' : 'NO'}`);

  if (process.env.SITE_BENCH_LIGHTHOUSE !== '0') {
    const scores = await measureLighthouse(url, ['/', prepared.path]);
    console.log(`\nLighthouse 12 in Debian's Chromium (headless); target ${LIGHTHOUSE_TARGET_SCORE} or more:\n`);
    console.table(scores.map(({ flagged, ...row }) => ({ ...row, flagged: flagged.join(', ') })));
  }
} finally {
  if (child !== undefined && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
  }
  await rm(dataDir, { recursive: true, force: true });
}
