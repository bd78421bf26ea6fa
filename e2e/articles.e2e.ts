// Reading the clinic's articles in Chromium, on a phone and on a desktop: the
// list, an article with its contents, author and next step, an author page and
// search; accessible, without sideways scrolling, and with no script to run.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  type ViewportName,
} from './support/browser.ts';

const browser = browserForThisFile();
/** The demo article with the most headings: the one that shows a table of contents best. */
let articlePath: string;

beforeAll(async () => {
  const sitemap = await (await fetch(`${baseUrl()}/sitemap.xml`)).text();
  const paths = [...sitemap.matchAll(/<loc>[^<]*?(\/articles\/[a-z0-9-]+)<\/loc>/g)].map((match) => match[1]!);
  expect(paths.length).toBeGreaterThan(0);
  const headingCounts = await Promise.all(
    paths.map(async (path) => (await (await fetch(`${baseUrl()}${path}`)).text()).match(/<h2 id=/g)?.length ?? 0),
  );
  articlePath = paths[headingCounts.indexOf(Math.max(...headingCounts))]!;
});

async function checkPage(page: Page): Promise<void> {
  expect(await page.locator('h1').count()).toBe(1);
  expect(await hasHorizontalScroll(page)).toBe(false);
  expect(await accessibilityViolations(page)).toEqual([]);
  // Nothing runs: the only script element is the inert JSON-LD, if any.
  const scripts = await page.evaluate(() => [...document.scripts].map((script) => script.type));
  expect(scripts.filter((type) => type !== 'application/ld+json')).toEqual([]);
}

describe.each(['desktop', 'phone'] as const)('articles on a %s', (viewportName: ViewportName) => {
  test('the article list leads to an article', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    try {
      const response = await page.goto('/articles');
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe('Articles about micro-needling');
      await checkPage(page);
      await saveScreenshot(page, `articles-list-${viewportName}`);

      const first = page.locator('.article-card').first().locator('a.card-link');
      const title = await first.textContent();
      await first.click();
      await page.waitForURL('**/articles/*');
      expect(await page.locator('h1').textContent()).toBe(title);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('an article reads well, with its author, contents and next step', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    try {
      const response = await page.goto(articlePath);
      expect(response?.status()).toBe(200);
      await checkPage(page);

      const byline = page.locator('.byline');
      expect(await byline.locator('a').getAttribute('href')).toMatch(/^\/authors\/[a-z-]+$/);
      expect(await byline.textContent()).toMatch(/Published [A-Z][a-z]+ \d{1,2}, \d{4}/);
      expect(await byline.textContent()).toMatch(/\d+ min read/);

      // Beside the text on a desktop; folded above it on a phone.
      const sideToc = page.locator('nav.article-toc');
      const inlineToc = page.locator('details.article-toc-inline');
      if (viewportName === 'desktop') {
        expect(await sideToc.isVisible()).toBe(true);
        expect(await inlineToc.isVisible()).toBe(false);
      } else {
        expect(await sideToc.isVisible()).toBe(false);
        expect(await inlineToc.isVisible()).toBe(true);
        await inlineToc.locator('summary').click();
      }
      const tocLink = page.locator(viewportName === 'desktop' ? 'nav.article-toc a' : 'details.article-toc-inline a');
      const target = (await tocLink.nth(1).getAttribute('href'))!;
      expect(await page.locator(target).count()).toBe(1);

      const band = page.locator('.band-brand');
      expect(await band.getByRole('link', { name: 'Plan my treatment' }).getAttribute('href')).toBe('/plan');
      expect(await band.getByRole('link', { name: 'Book a consultation' }).getAttribute('href')).toBe('/app/book');

      const head = await page.evaluate(() => ({
        canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
        ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
        jsonLd: document.querySelector('script[type="application/ld+json"]')?.textContent,
      }));
      expect(head.canonical).toBe(`${baseUrl()}${articlePath}`);
      expect(head.ogType).toBe('article');
      expect((JSON.parse(head.jsonLd ?? '{}') as { '@type'?: string })['@type']).toBe('MedicalWebPage');

      await saveScreenshot(page, `articles-read-${viewportName}`);
      await tocLink.nth(1).click();
      await page.waitForURL(`**${target}`);
      await saveScreenshot(page, `articles-toc-jump-${viewportName}`, { fullPage: false });
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('the author page and search work', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    try {
      await page.goto(articlePath);
      await page.locator('.byline a').click();
      await page.waitForURL('**/authors/*');
      await checkPage(page);
      expect(await page.locator('.article-card').count()).toBeGreaterThan(0);
      await saveScreenshot(page, `articles-author-${viewportName}`);

      await page.goto('/articles');
      await page.getByLabel('Search the articles').fill('sunscreen');
      await page.getByRole('button', { name: 'Search' }).click();
      await page.waitForURL('**/search?q=sunscreen');
      await checkPage(page);
      expect(await page.locator('.article-results mark').count()).toBeGreaterThan(0);
      await saveScreenshot(page, `articles-search-${viewportName}`);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('without JavaScript', () => {
  test('a phone reader gets from the home page to an article and its related treatments', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName: 'phone',
      javaScriptEnabled: false,
    });
    try {
      await page.goto('/');
      const latest = page.locator('section[aria-labelledby="latest-articles-title"]');
      expect(await latest.locator('.article-card').count()).toBe(3);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Articles' }).click();
      await page.waitForURL('**/articles');
      await page.goto(articlePath);
      const related = page.locator('section[aria-labelledby="related-title"] a.card-link');
      if ((await related.count()) > 0) {
        const link = related.first();
        const href = (await link.getAttribute('href'))!;
        await link.click();
        await page.waitForURL(`**${href}`);
      }
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('a missing article is the site’s 404 page', async () => {
    const response = await fetch(`${baseUrl()}/articles/not-written-yet`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('We could not find that page');
  });
});
