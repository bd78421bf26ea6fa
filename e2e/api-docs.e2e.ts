// The browsable API documentation must load under the strict CSP.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchBrowser, openPage, saveScreenshot } from './support/browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

test('/api/docs shows the Swagger UI for the Puncta API without errors', async () => {
  const { page, consoleErrors, failedRequests, close } = await openPage(browser);
  try {
    await page.goto('/api/docs');
    const title = page.locator('.swagger-ui .info .title');
    await title.waitFor({ timeout: 15_000 });
    expect(await title.textContent()).toContain('Puncta API');
    // The operations list is rendered from /api/openapi.json by the UI's own scripts.
    await page.locator('.swagger-ui .opblock').first().waitFor();
    await saveScreenshot(page, 'api-docs-desktop');
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  } finally {
    await close();
  }
});
