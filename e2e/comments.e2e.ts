// "Leave a Reply" as people use it: a reader posts a question under an article
// with the plain form (the page runs no script), is told it waits for the team;
// a practitioner finds it in the moderation screen with the reason it was held,
// approves it and answers as the clinic; the reader's question and the clinic's
// answer then appear in the thread, with the badge and the practitioner's name.
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import {
  accessibilityViolations,
  browserForThisFile,
  hasHorizontalScroll,
  openPage,
  saveScreenshot,
  viewports,
} from './support/browser.ts';
import { demoLogins, signInByApi } from './support/accounts.ts';

const ARTICLE = '/articles/what-is-micro-needling';

const browser = browserForThisFile();

async function expectHeading(page: Page, text: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: text, exact: true }).waitFor();
}

describe('comments', () => {
  test('a reader asks, a practitioner approves and answers as the clinic', async () => {
    const question = `Can I go to the gym the day after a session? (${Date.now().toString(36)})`;
    const answer = 'Give it 48 hours: sweat and friction irritate freshly treated skin.';

    // The reader, not signed in, with the form as the server sent it.
    const reader = await openPage(browser(), { javaScriptEnabled: false });
    try {
      await reader.page.goto(ARTICLE);
      await reader.page.getByRole('heading', { name: 'Leave a Reply' }).waitFor();
      await reader.page.getByRole('textbox', { name: 'Comment', exact: true }).fill(question);
      await reader.page.getByRole('textbox', { name: 'Name', exact: true }).fill('Sam Reader');
      await reader.page.getByRole('textbox', { name: /^Email/ }).fill('sam.reader@readers.example');
      await reader.page.getByLabel('Email me when someone replies to my comment').check();
      // A person takes a few seconds; the form refuses anything faster.
      await reader.page.waitForTimeout(3500);
      await reader.page.getByRole('button', { name: 'Post comment' }).click();
      await reader.page.waitForURL(`**${ARTICLE}?comment=held#comments`);
      await reader.page.getByText('Thank you for your comment.').waitFor();
      expect(await reader.page.getByText(question).count()).toBe(0);
      expect(reader.consoleErrors).toEqual([]);
    } finally {
      await reader.close();
    }

    const { page, consoleErrors, failedRequests, close } = await openPage(browser());
    try {
      await signInByApi(page, demoLogins.practitioner);
      await page.goto('/app/staff/comments');
      await expectHeading(page, 'Comments');
      const card = page.getByRole('listitem', { name: 'Comment by Sam Reader' });
      await card.waitFor();
      expect(await card.textContent()).toContain('sam.reader@readers.example');
      expect(await card.textContent()).toContain('New commenter');
      expect(await card.textContent()).toContain('What is micro-needling');
      // The demo's likely spam is sorted apart, not in this tab.
      expect(await page.getByText('Best Serum Deals').count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await saveScreenshot(page, 'comments-moderation-queue-desktop', { fullPage: false });

      await card.getByRole('button', { name: 'Approve' }).click();
      await page.getByText('Approved: Sam Reader’s comment is on the site.').waitFor();
      await page.getByRole('tab', { name: /Approved/ }).click();
      await page.waitForURL('**/app/staff/comments?tab=approved');
      const approved = page.getByRole('listitem', { name: 'Comment by Sam Reader' });
      await approved.getByRole('button', { name: 'Reply as the clinic' }).click();
      const dialog = page.getByRole('dialog', { name: 'Reply as the clinic' });
      await dialog.getByLabel('Your answer').fill(answer);
      await saveScreenshot(page, 'comments-reply-dialog-desktop', { fullPage: false });
      await dialog.getByRole('button', { name: 'Publish answer' }).click();
      await page.getByText('Your answer is published.').waitFor();
      await page.getByRole('listitem', { name: 'Comment by Dr. Maya Okafor' }).first().waitFor();

      // The likely-spam tab shows why.
      await page.getByRole('tab', { name: /Likely spam/ }).click();
      const spam = page.getByRole('listitem', { name: 'Comment by Best Serum Deals' });
      await spam.waitFor();
      expect(await spam.textContent()).toContain('Far more links than allowed.');
      await saveScreenshot(page, 'comments-moderation-spam-desktop', { fullPage: false });

      // The thread on the article: the question and the clinic's answer under it.
      await page.goto(`${ARTICLE}#comments`);
      const thread = page.locator('#comments');
      const item = thread.locator('li.comment').filter({ hasText: question });
      await item.waitFor();
      const reply = item.locator('.comment-replies li.comment-clinic').filter({ hasText: answer });
      await reply.waitFor();
      expect(await reply.textContent()).toContain('Answer from the clinic');
      expect(await reply.textContent()).toContain('Dr. Maya Okafor');
      expect(await thread.textContent()).not.toContain('sam.reader@readers.example');
      expect(await thread.textContent()).not.toContain('Best Serum Deals');
      expect(await accessibilityViolations(page)).toEqual([]);
      await thread.scrollIntoViewIfNeeded();
      await saveScreenshot(page, 'comments-thread-desktop', { fullPage: false });
      await thread.screenshot({ path: 'e2e/screenshots/comments-thread-section-desktop.png' });

      await page.setViewportSize(viewports.phone);
      await page.goto(
        `${ARTICLE}?replyto=${await item.getAttribute('id').then((id) => id?.replace('comment-', ''))}#reply`,
      );
      expect(await hasHorizontalScroll(page)).toBe(false);
      await thread.screenshot({ path: 'e2e/screenshots/comments-thread-section-phone.png' });

      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    } finally {
      await close();
    }
  });
});
