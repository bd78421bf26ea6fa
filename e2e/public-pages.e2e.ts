// The clinic's public pages as visitors see them: on a desktop and on a phone,
// with and without JavaScript, and the 404 page.
import { describe, expect, test } from 'vitest';
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

const publicPages = [
  { path: '/', name: 'home', heading: 'Micro-needling, planned around your skin and explained honestly' },
  { path: '/treatments', name: 'treatments', heading: 'Treatments and prices' },
  { path: '/treatments/acne-scars', name: 'treatment-acne-scars', heading: 'Micro-needling for acne scars' },
  { path: '/about', name: 'about', heading: 'About Demo Dermatology' },
];

describe.each(['desktop', 'phone'] as const)('public pages on a %s', (viewportName: ViewportName) => {
  test.each(publicPages)('$path renders cleanly', async ({ path, name, heading }) => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName });
    try {
      const response = await page.goto(path, { waitUntil: 'load' });
      expect(response?.status()).toBe(200);
      expect(response?.headers()['content-type']).toContain('text/html');

      const headings = await page.locator('h1').allTextContents();
      expect(headings).toEqual([heading]);
      expect(await page.title()).toContain('Demo Dermatology');
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);

      await saveScreenshot(page, `public-${name}-${viewportName}`);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('public page content', () => {
  test('each page has a description, a canonical URL and Open Graph basics', async () => {
    const { page, close } = await openPage(browser());
    try {
      for (const { path } of publicPages) {
        await page.goto(path);
        const head = await page.evaluate(() => ({
          lang: document.documentElement.lang,
          description: document.querySelector('meta[name="description"]')?.getAttribute('content'),
          canonical: document.querySelector('link[rel="canonical"]')?.getAttribute('href'),
          ogTitle: document.querySelector('meta[property="og:title"]')?.getAttribute('content'),
          ogUrl: document.querySelector('meta[property="og:url"]')?.getAttribute('content'),
          ogType: document.querySelector('meta[property="og:type"]')?.getAttribute('content'),
          scripts: document.scripts.length,
        }));
        expect(head.lang).toBe('en');
        expect(head.description?.length ?? 0).toBeGreaterThan(50);
        expect(head.canonical).toBe(`${baseUrl()}${path}`);
        expect(head.ogUrl).toBe(head.canonical);
        expect(head.ogTitle).toBe(await page.title());
        expect(head.ogType).toBe('website');
        // Server-rendered pages ship no script at all.
        expect(head.scripts).toBe(0);
      }
    } finally {
      await close();
    }
  });

  test('the treatments page shows the service menu with prices from the database', async () => {
    const { page, close } = await openPage(browser());
    try {
      await page.goto('/treatments');
      const menu = page.locator('section[aria-labelledby="menu-title"]');
      await expect.poll(() => menu.locator('li').count()).toBe(5);
      const consultation = menu.locator('li', { hasText: 'Micro-needling consultation' });
      expect(await consultation.textContent()).toContain('$50');
      expect(await menu.locator('li', { hasText: 'Micro-needling: face' }).first().textContent()).toContain('$350');
      expect(await page.locator('#safety h2').textContent()).toBe('Safety: what to expect and who should wait');
    } finally {
      await close();
    }
  });

  test('the about page introduces the practitioners and the clinic contact details', async () => {
    const { page, close } = await openPage(browser());
    try {
      await page.goto('/about');
      const team = page.locator('section[aria-labelledby="team-title"]');
      expect(await team.locator('h3').allTextContents()).toEqual(['Daniel Reyes, RN', 'Dr. Maya Okafor']);
      const visit = await page.locator('section[aria-labelledby="visit-title"]').textContent();
      expect(visit).toContain('245 Hudson Street');
      expect(visit).toContain('Eastern Time');
    } finally {
      await close();
    }
  });

  test('the calls to action lead to the self-assessment and to booking', async () => {
    const { page, close } = await openPage(browser());
    try {
      await page.goto('/');
      const hero = page.locator('.hero');
      expect(await hero.getByRole('link', { name: 'Plan my treatment' }).getAttribute('href')).toBe('/plan');
      expect(await hero.getByRole('link', { name: 'Book a consultation' }).getAttribute('href')).toBe('/app/book');
    } finally {
      await close();
    }
  });

  test('the stylesheet is versioned and cached for good', async () => {
    const { page, close } = await openPage(browser());
    try {
      await page.goto('/');
      const href = await page.locator('link[rel="stylesheet"]').getAttribute('href');
      expect(href).toMatch(/^\/static\/site\.css\?v=[0-9a-f]{12}$/);
      const response = await fetch(`${baseUrl()}${href}`);
      expect(response.headers.get('cache-control')).toContain('immutable');
      expect(response.headers.get('content-type')).toContain('text/css');
    } finally {
      await close();
    }
  });
});

describe('without JavaScript', () => {
  test('a phone visitor can read and move between the public pages', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName: 'phone',
      javaScriptEnabled: false,
    });
    try {
      await page.goto('/');
      expect(await page.locator('h1').textContent()).toContain('Micro-needling');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Treatments' }).click();
      await page.waitForURL('**/treatments');
      expect(await page.locator('h1').textContent()).toBe('Treatments and prices');

      await page.getByRole('link', { name: 'Acne scars' }).click();
      await page.waitForURL('**/treatments/acne-scars');
      expect(await page.locator('h1').textContent()).toBe('Micro-needling for acne scars');

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'About us' }).click();
      await page.waitForURL('**/about');
      expect(await page.locator('h1').textContent()).toBe('About Demo Dermatology');
      await saveScreenshot(page, 'public-about-phone-no-javascript');

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('the skip link is the first stop for keyboard users', async () => {
    const { page, close } = await openPage(browser(), { javaScriptEnabled: false });
    try {
      await page.goto('/treatments');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to main content' });
      expect(await skip.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      await page.keyboard.press('Enter');
      expect(page.url()).toContain('#main');
    } finally {
      await close();
    }
  });
});

describe('unknown pages', () => {
  test.each(['desktop', 'phone'] as const)('answer a helpful 404 page on a %s', async (viewportName) => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName,
      expectStatus: (url, status) => status === 404 && url.endsWith('/no-such-page'),
    });
    try {
      const response = await page.goto('/no-such-page');
      expect(response?.status()).toBe(404);
      expect(await page.locator('h1').allTextContents()).toEqual(['We could not find that page']);
      expect(await page.locator('meta[name="robots"]').getAttribute('content')).toBe('noindex');
      expect(await hasHorizontalScroll(page)).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, `public-404-${viewportName}`);

      await page.locator('main').getByRole('link', { name: 'Treatments and prices' }).click();
      await page.waitForURL('**/treatments');
      expect(consoleErrors.filter((text) => !text.includes('404'))).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });

  test('an unknown treatment is a 404 too', async () => {
    const response = await fetch(`${baseUrl()}/treatments/teeth-whitening`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('We could not find that page');
  });
});
