// "Plan my treatment" as a visitor walks it: on a phone (390 × 844) with and without
// JavaScript, and on a desktop; then the result and the printable plan are read.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
} from './support/browser.ts';

const browser = browserForThisFile();

function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Checks the page (no sideways scrolling, no axe findings) and saves a screenshot. The
 * checks run scripts in the page, so the run without JavaScript only takes the picture;
 * its pages are the same HTML the other runs check.
 */
async function checkPage(page: Page, screenshot: string, javaScriptEnabled: boolean): Promise<void> {
  if (javaScriptEnabled) {
    expect(await hasHorizontalScroll(page)).toBe(false);
    expect(await accessibilityViolations(page)).toEqual([]);
    // Back to the top, so the sticky header is not pictured halfway down the page.
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  await saveScreenshot(page, screenshot);
}

async function continueTo(page: Page, heading: string | RegExp): Promise<void> {
  await Promise.all([page.waitForURL('**/plan'), page.getByRole('button', { name: /Continue|See my answer/ }).click()]);
  await expect.poll(() => page.locator('h1').textContent()).toMatch(heading);
}

/** Answers every health question on the "no" side, except isotretinoin: stopped 60 days ago. */
async function answerHealth(page: Page): Promise<void> {
  await page.getByLabel('Your date of birth').fill('1991-04-12');
  const questions = page.locator('fieldset.question');
  for (let index = 0; index < (await questions.count()); index++) {
    const question = questions.nth(index);
    const id = (await question.getAttribute('id'))?.replace('field-', '') ?? '';
    if (id === 'isotretinoin') {
      await question.locator('input[value="stopped"]').check();
      await question.locator('input[type="date"]').fill(daysAgo(60));
      continue;
    }
    for (const value of ['no', 'none', 'never']) {
      const radio = question.locator(`input[type="radio"][value="${value}"]`);
      if ((await radio.count()) > 0) {
        await radio.check();
        break;
      }
    }
  }
}

const RUNS = [
  { viewportName: 'phone', javaScriptEnabled: true, suffix: 'phone' },
  { viewportName: 'phone', javaScriptEnabled: false, suffix: 'phone-no-javascript' },
  { viewportName: 'desktop', javaScriptEnabled: true, suffix: 'desktop' },
] as const;

describe.each(RUNS)('the plan wizard on a $suffix', ({ viewportName, javaScriptEnabled, suffix }) => {
  test('walks the four steps and reads the plan', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      viewportName,
      javaScriptEnabled,
    });
    try {
      // The home page's call to action leads to the wizard.
      await page.goto('/');
      await Promise.all([
        page.waitForURL('**/plan'),
        page.getByRole('link', { name: 'Plan my treatment' }).first().click(),
      ]);
      expect(await page.locator('h1').textContent()).toBe('What would you like to improve?');

      // A step cannot be skipped: the error names what is missing.
      await continueTo(page, 'What would you like to improve?');
      await expect.poll(() => page.locator('.error-summary').textContent()).toContain('Choose at least one concern');
      if (suffix === 'phone') await saveScreenshot(page, 'plan-1-concerns-error-phone');

      await page.getByLabel(/Acne scars/).check();
      await page.getByLabel(/Pigmentation or melasma/).check();
      await checkPage(page, `plan-1-concerns-${suffix}`, javaScriptEnabled);
      await continueTo(page, 'Where?');

      if (javaScriptEnabled) {
        // Tapping the map ticks the area's box; the box stays the control.
        await page.locator('.map [data-area="cheeks"] .zone-shape').first().click();
        expect(await page.locator('#area-cheeks').isChecked()).toBe(true);
      } else {
        await page.locator('#area-cheeks').check();
      }
      await page.locator('#area-forehead').check();
      await page.locator('#area-back').check();
      await checkPage(page, `plan-2-areas-${suffix}`, javaScriptEnabled);
      await continueTo(page, 'Your skin type');

      await page.getByLabel(/Never burns, tans very easily.*type V$/).check();
      await checkPage(page, `plan-3-skin-${suffix}`, javaScriptEnabled);
      await continueTo(page, 'Your health');

      // Only questions that matter for these choices: no surgical-scar date.
      expect(await page.locator('#field-scar_date').count()).toBe(0);
      expect(await page.locator('#field-cold_sore_history').count()).toBe(1);
      await answerHealth(page);
      await checkPage(page, `plan-4-health-${suffix}`, javaScriptEnabled);
      await continueTo(page, 'Not yet');

      // The result: per-area answers with reasons and sources, the earliest date, the plan.
      const result = page.locator('main');
      await expect.poll(() => result.locator('.earliest').textContent()).toContain('Earliest date for a first session');
      const areaNames = await result.locator('.area-answer h3').allTextContents();
      // In the order of the list on the areas step.
      expect(areaNames).toEqual(['Forehead', 'Cheeks', 'Back']);
      expect(await result.locator('.area-answer .decision').first().textContent()).toBe('Not yet');
      expect(await result.locator('#source-SPconsent, #source-ProjectLEAD').count()).toBeGreaterThan(0);
      expect(await result.locator('.course h3').allTextContents()).toEqual(['Acne scars', 'Pigmentation or melasma']);
      expect(await result.locator('.fact dt').allTextContents()).toContain('Sessions');
      expect(await result.locator('.depth-list h3').allTextContents()).toContain('Cheeks: 0.5–1.5 mm');
      expect(await result.locator('.map-marker').count()).toBe(3);
      expect(await result.locator('.timeline > li').count()).toBeGreaterThan(3);
      expect(await result.locator('.price-range').textContent()).toMatch(/^\$[\d,]+ to \$[\d,]+$/);
      expect(await result.getByRole('link', { name: 'Book a consultation' }).first().getAttribute('href')).toMatch(
        /^\/app\/book\?assessment=/,
      );
      expect(await result.getByRole('link', { name: 'Save to my account' }).first().getAttribute('href')).toMatch(
        /^\/app\/sign-up\?assessment=/,
      );
      await checkPage(page, `plan-5-result-${suffix}`, javaScriptEnabled);

      // The printable version opens in a new tab; with JavaScript it offers the print dialog.
      const [printPage] = await Promise.all([
        page.context().waitForEvent('page'),
        page.getByRole('button', { name: 'Printable version' }).first().click(),
      ]);
      await printPage.waitForLoadState('load');
      expect(await printPage.locator('h1').textContent()).toBe('Not yet');
      expect(await printPage.locator('[data-print]').first().isVisible()).toBe(javaScriptEnabled);
      if (suffix !== 'phone-no-javascript') {
        await printPage.emulateMedia({ media: 'print' });
        await saveScreenshot(printPage, `plan-6-print-${suffix}`);
        expect(await printPage.locator('.site-header').isVisible()).toBe(false);
      }

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
