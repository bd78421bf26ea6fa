// The browsable API documentation must load under the strict CSP.
import { expect, test } from 'vitest';
import { browserForThisFile, openPage, saveScreenshot } from './support/browser.ts';

const browser = browserForThisFile();

test('/api/docs shows the Swagger UI for the Puncta API without errors', async () => {
  const { page, consoleErrors, failedRequests, close } = await openPage(browser());
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
