// Debian's Chromium driven by playwright-core, and the checks every page gets:
// no console errors, no failed requests, no accessibility violations.
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type * as Axe from 'axe-core';
import { afterAll, beforeAll, inject } from 'vitest';

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof viewports;

export const screenshotDir = path.resolve(import.meta.dirname, '../screenshots');

export function baseUrl(): string {
  return inject('baseUrl');
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/**
 * One Chromium for the whole test file: launched before its first test, closed after
 * its last. Call it at the top of the file; inside a test, `browser()` is that browser.
 */
export function browserForThisFile(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (browser === undefined) throw new Error('the browser is only there inside a test');
    return browser;
  };
}

export interface WatchedPage {
  page: Page;
  /** console.error calls and uncaught exceptions, in order. */
  consoleErrors: string[];
  /** Requests that failed at the network level or answered 4xx/5xx. */
  failedRequests: string[];
  close: () => Promise<void>;
}

export interface OpenPageOptions extends BrowserContextOptions {
  viewportName?: ViewportName;
  /** Responses that are part of the scenario, e.g. the 404 page itself. */
  expectStatus?: (url: string, status: number) => boolean;
}

/** A fresh context and page, with everything that goes wrong recorded. */
export async function openPage(browser: Browser, options: OpenPageOptions = {}): Promise<WatchedPage> {
  const { viewportName = 'desktop', expectStatus, ...contextOptions } = options;
  const context = await browser.newContext({
    baseURL: baseUrl(),
    viewport: viewports[viewportName],
    deviceScaleFactor: 1,
    // The app honours it (no dialog or menu animations), so checks never see a half-faded dialog.
    reducedMotion: 'reduce',
    ...contextOptions,
  });
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium reports every 4xx/5xx response in the console; the ones the
    // scenario expects (expectStatus) are answers, not errors.
    const status = /^Failed to load resource: the server responded with a status of (\d{3})/.exec(message.text())?.[1];
    if (status !== undefined && expectStatus?.(message.location().url, Number(status)) === true) return;
    consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request the page gave up because the test navigated on is not a failure.
    if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
    failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText ?? 'failed'}`);
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 400 && expectStatus?.(response.url(), status) !== true) {
      failedRequests.push(`${status} ${response.request().method()} ${response.url()}`);
    }
  });
  return { page, consoleErrors, failedRequests, close: () => context.close() };
}

/**
 * Saves a screenshot to e2e/screenshots/<name>.png for people to look at: the
 * whole page by default, or just the window for the app, whose shell is sized
 * to the window (a full-page capture would cut its navigation short).
 */
export async function saveScreenshot(page: Page, name: string, { fullPage = true } = {}): Promise<void> {
  await mkdir(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage });
}

/** True when the page is wider than the window, i.e. the visitor can scroll sideways. */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

let axeSource: string | undefined;

/**
 * Runs axe-core (WCAG 2.1 A/AA and best practices) on the page and lists what
 * it finds. Injected through the DevTools protocol, which the page's CSP does
 * not restrict, so the page itself needs no change for testing.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof Axe }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
  });
}
