// The browser app under /app: the shell and its navigation on desktop and phone
// for a signed-in patient, deep links through sign-in, and the demo mailbox
// (for the clinic team) in all its states.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/platform/config.ts';
import appShell from '../src/web/app-plugin.ts';
import {
  accessibilityViolations,
  baseUrl,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
} from './support/browser.ts';
import { sampleEmail } from './support/sample-email.ts';
import { demoLogins, demoPassword, fillSignInForm, signInByApi } from './support/accounts.ts';

const browser = browserForThisFile();

/** Waits for the page's h1 to read `text`: after a click the router renders a moment later. */
async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('main').getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
  expect(await page.getByRole('main').locator('h1').allTextContents()).toEqual([text]);
}

describe('the app shell on a desktop', () => {
  test('shows a signed-in patient their own areas only, and moves between them', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app');
      await expectHeading(page, 'Welcome, Sam');
      await page.getByRole('banner').getByText('Demo Dermatology').waitFor();
      expect(await page.title()).toBe('Home · Demo Dermatology');

      const yourCare = page.getByRole('navigation', { name: 'Your care' });
      expect(await yourCare.getByRole('link').allTextContents()).toEqual([
        'Home',
        'My plan',
        'Appointments',
        'Aftercare',
        'Photos',
        'Messages',
        'Who saw my record',
        'Account',
      ]);
      expect(await page.getByRole('navigation', { name: 'Clinic team' }).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-home-desktop', { fullPage: false });

      // An area still to be built reads as a plan, not as a broken link.
      await yourCare.getByRole('link', { name: 'Photos' }).click();
      await page.waitForURL('**/app/photos');
      await expectHeading(page, 'Photos');
      expect(await page.getByText('Coming soon').isVisible()).toBe(true);
      expect(await yourCare.getByRole('link', { name: 'Photos' }).getAttribute('aria-current')).toBe('page');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-photos-desktop', { fullPage: false });

      await yourCare.getByRole('link', { name: 'Who saw my record' }).click();
      await expectHeading(page, 'Who saw my record');
      await page.getByRole('table').or(page.getByText('No one has opened your record yet')).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-record-access-desktop', { fullPage: false });

      // The clinic team's pages are not for patients, whatever the address bar says.
      await page.goto('/app/staff/mailbox');
      await expectHeading(page, 'This page is for the clinic team');

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('deep links from the public pages open the right page after signing in', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: (url, status) => status === 401 && url.endsWith('/api/v1/auth/session'),
    });
    try {
      await page.goto('/');
      await page.locator('.hero').getByRole('link', { name: 'Book a consultation' }).click();
      await page.waitForURL('**/app/sign-in?next=%2Fbook');
      await expectHeading(page, 'Sign in');
      await fillSignInForm(page, demoLogins.patient, demoPassword());
      await page.waitForURL('**/app/book');
      await expectHeading(page, 'Book a consultation');
      // The phone number comes from the clinic API.
      await page.getByRole('link', { name: /Call \+1 212 555 0142/ }).waitFor();
      await saveScreenshot(page, 'app-book-desktop', { fullPage: false });

      await page.goto('/app/no-such-area');
      await expectHeading(page, 'This page does not exist');

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the app shell on a phone', () => {
  test('hides the navigation behind a menu button that opens and closes it', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName: 'phone' });
    try {
      await signInByApi(page, demoLogins.patient);
      await page.goto('/app');
      await expectHeading(page, 'Welcome, Sam');
      const aftercare = page.getByRole('navigation', { name: 'Your care' }).getByRole('link', { name: 'Aftercare' });
      expect(await aftercare.isVisible()).toBe(false);
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-home-phone', { fullPage: false });

      await page.getByRole('button', { name: 'Open navigation' }).click();
      await aftercare.waitFor({ state: 'visible' });
      await page.waitForTimeout(300); // let the drawer finish sliding in for the screenshot
      await saveScreenshot(page, 'app-navigation-open-phone', { fullPage: false });

      await aftercare.click();
      await page.waitForURL('**/app/aftercare');
      await expectHeading(page, 'Aftercare');
      await aftercare.waitFor({ state: 'hidden' });
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'app-aftercare-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the demo mailbox', () => {
  test.each(['desktop', 'phone'] as const)('lists the outbox and opens a message on a %s', async (viewportName) => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    try {
      // The mailbox is for the clinic team.
      await signInByApi(page, demoLogins.frontDesk);
      await page.goto('/app/staff/mailbox');
      await expectHeading(page, 'Demo mailbox');
      const messages = page.getByRole('navigation', { name: 'Messages' });
      const item = messages.getByRole('link', { name: new RegExp(sampleEmail.subject) });
      await item.waitFor();
      // The e2e server delivers through SMTP, so the message is sent (or about to be).
      expect(await item.textContent()).toMatch(/Sent|Waiting/);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `app-mailbox-list-${viewportName}`, { fullPage: false });

      await item.click();
      await page.waitForURL(/\/app\/staff\/mailbox\/[0-9a-f-]{36}$/);
      const message = page.getByRole('article');
      expect(await message.getByRole('heading', { level: 2 }).textContent()).toBe(sampleEmail.subject);
      expect(await message.textContent()).toContain(sampleEmail.to);
      expect(await message.locator('pre').textContent()).toBe(sampleEmail.text);

      await message.getByRole('tab', { name: 'As the recipient sees it' }).click();
      const frame = page.frameLocator(`iframe[title="Email: ${sampleEmail.subject}"]`);
      expect(await frame.locator('strong').textContent()).toBe('ten minutes early');
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, `app-mailbox-message-${viewportName}`, { fullPage: false });

      if (viewportName === 'phone') {
        // On a phone the list steps aside while a message is open.
        expect(await messages.isVisible()).toBe(false);
        await page.getByRole('link', { name: 'All messages' }).click();
        await messages.waitFor();
      }
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('shows an intentional empty state when there is no mail', async () => {
    const { page, consoleErrors, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.frontDesk);
      await page.route('**/api/v1/demo/mailbox', (route) => route.fulfill({ json: { messages: [] } }));
      await page.goto('/app/staff/mailbox');
      await page.getByRole('heading', { name: 'No emails yet' }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-mailbox-empty-desktop', { fullPage: false });
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });

  test('explains a failure and recovers when asked to try again', async () => {
    const { page, consoleErrors, close } = await openPage(browser(), {
      expectStatus: (url) => url.endsWith('/api/v1/demo/mailbox'),
    });
    try {
      await signInByApi(page, demoLogins.frontDesk);
      let failNext = true;
      await page.route('**/api/v1/demo/mailbox', async (route) => {
        if (failNext) {
          failNext = false;
          await route.fulfill({
            status: 503,
            contentType: 'application/problem+json',
            body: JSON.stringify({
              status: 503,
              code: 'database_unavailable',
              detail: 'The database does not answer.',
            }),
          });
          return;
        }
        await route.continue();
      });
      await page.goto('/app/staff/mailbox');
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('We could not load the mailbox');
      expect(await alert.textContent()).toContain('The database does not answer.');
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'app-mailbox-error-desktop', { fullPage: false });

      await alert.getByRole('button', { name: 'Try again' }).click();
      await page.getByRole('navigation', { name: 'Messages' }).getByRole('link').first().waitFor();
      expect(consoleErrors).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('serving the build', () => {
  test('hashed assets are cached for good and index.html is revalidated', async () => {
    const index = await fetch(`${baseUrl()}/app/staff/calendar`);
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const html = await index.text();
    const script = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();

    const asset = await fetch(`${baseUrl()}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const missing = await fetch(`${baseUrl()}/app/assets/missing-abc123.js`);
    expect(missing.status).toBe(404);
  });

  test('without a build, /app says how to build it instead of failing', async () => {
    const emptyBuildDir = await mkdtemp(path.join(tmpdir(), 'puncta-no-build-'));
    const app = Fastify();
    try {
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
      await app.register(appShell, { config, buildDir: emptyBuildDir });
      for (const url of ['/app', '/app/plan']) {
        const response = await app.inject({ url });
        expect(response.statusCode).toBe(503);
        expect(response.headers['content-type']).toContain('text/html');
        expect(response.body).toContain('npm run build');
      }
    } finally {
      await app.close();
      await rm(emptyBuildDir, { recursive: true, force: true });
    }
  });
});
