// The demo articles loader: strict about the front matter of each Markdown file,
// and idempotent when it seeds categories, author profiles and articles.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleCategories, articleRevisions, articles, authorProfiles } from '../src/db/schema.ts';
import {
  DEMO_ARTICLES_DIR,
  loadDemoArticles,
  parseDemoArticle,
  seedDemoArticles,
} from '../src/db/seed/demo-articles.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { createClinic, demoClinic } from './support/factories.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'articles');

const VALID = `---
title: A title
slug: a-title
summary: A summary.
category: treatments
tags: one, two , one
concerns: acne_scars, hair_loss
services: face, scalp
author: practitioner2@demo.puncta.test
published: 7
---

Body text.

## Part

Words.

## Sources

- A source
`;

function withLine(key: string, line: string | null): string {
  return VALID.replace(new RegExp(`^${key}:.*\\n`, 'm'), line === null ? '' : `${line}\n`);
}

describe('parseDemoArticle', () => {
  it('reads the front matter and the body', () => {
    expect(parseDemoArticle(VALID, 'a.md')).toEqual({
      file: 'a.md',
      title: 'A title',
      slug: 'a-title',
      summary: 'A summary.',
      categorySlug: 'treatments',
      tags: ['one', 'two'],
      concerns: ['acne_scars', 'hair_loss'],
      services: ['face', 'scalp'],
      authorEmail: 'practitioner2@demo.puncta.test',
      publishedDaysAgo: 7,
      bodyMarkdown: 'Body text.\n\n## Part\n\nWords.\n\n## Sources\n\n- A source\n',
    });
  });

  it('accepts Windows line ends and empty lists', () => {
    const article = parseDemoArticle(withLine('concerns', 'concerns:').replace(/\n/g, '\r\n'), 'a.md');
    expect(article.concerns).toEqual([]);
    expect(article.bodyMarkdown).not.toContain('\r');
  });

  it.each([
    ['a missing key', withLine('summary', null), /missing key: summary/],
    ['an unknown key', withLine('tags', 'tags: a\nhero: x.png'), /unknown key "hero"/],
    ['a repeated key', withLine('tags', 'tags: a\ntags: b'), /"tags" appears twice/],
    ['an empty title', withLine('title', 'title:'), /"title" is empty/],
    ['a line without a colon', withLine('tags', 'tags: a\njust words'), /is not "key: value"/],
    ['an unknown category', withLine('category', 'category: news'), /unknown category "news"/],
    ['an unknown concern', withLine('concerns', 'concerns: acne_scars, freckles'), /unknown concern "freckles"/],
    ['an unknown service', withLine('services', 'services: face, botox'), /unknown service "botox"/],
    ['an author who is not a practitioner', withLine('author', 'author: admin@demo.puncta.test'), /not a demo/],
    ['days that are not a whole number', withLine('published', 'published: last week'), /whole number/],
    ['negative days', withLine('published', 'published: -3'), /whole number/],
    ['a slug with capitals', withLine('slug', 'slug: A-Title'), /lower-case words/],
    ['no front matter', 'Just a body\n\n## Sources\n', /must start with a front matter block/],
    ['an unclosed front matter', '---\ntitle: x\n', /not closed/],
    ['no Sources section', VALID.replace('## Sources', '## Reading'), /end with a "## Sources" section/],
    ['a section after the Sources', `${VALID}\n## More\n\nText\n`, /end with a "## Sources" section/],
  ])('fails loudly on %s', (_name, text, message) => {
    expect(() => parseDemoArticle(text, 'broken.md')).toThrow(message);
    expect(() => parseDemoArticle(text, 'broken.md')).toThrow(/broken\.md/);
  });
});

describe('loadDemoArticles', () => {
  it('reads every .md file of a folder in name order', async () => {
    const loaded = await loadDemoArticles(FIXTURES);
    expect(loaded.map((article) => article.slug)).toEqual(['fixture-after-care', 'fixture-first-visit']);
    expect(loaded[0]?.authorEmail).toBe('practitioner2@demo.puncta.test');
  });

  it('has nothing for a missing folder, and refuses two files with one slug', async () => {
    expect(await loadDemoArticles(path.join(FIXTURES, 'missing'))).toEqual([]);
    const folder = await mkdtemp(path.join(tmpdir(), 'puncta-articles-'));
    try {
      await writeFile(path.join(folder, 'a.md'), VALID);
      await writeFile(path.join(folder, 'b.md'), VALID);
      await expect(loadDemoArticles(folder)).rejects.toThrow(/b\.md: slug "a-title" is used by a\.md too/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('accepts the articles the demo clinic ships', async () => {
    const shipped = await loadDemoArticles(DEMO_ARTICLES_DIR);
    for (const article of shipped) expect(article.bodyMarkdown).toContain('## Sources');
  });
});

describe('seedDemoArticles', () => {
  let t: TestApp;
  let clinicId: string;

  beforeAll(async () => {
    t = await createTestApp();
    clinicId = (await demoClinic(t.database)).clinicId;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('adds the articles once, published the given days ago, each with its first revision', async () => {
    const now = new Date('2026-01-20T15:00:00Z');
    expect(await seedDemoArticles(t.database.db, clinicId, { directory: FIXTURES, now })).toEqual({ created: 2 });
    expect(await seedDemoArticles(t.database.db, clinicId, { directory: FIXTURES, now })).toEqual({ created: 0 });

    const [article] = await t.database.db
      .select()
      .from(articles)
      .where(and(eq(articles.clinicId, clinicId), eq(articles.slug, 'fixture-first-visit')));
    expect(article).toMatchObject({
      status: 'published',
      title: 'Your first visit, step by step',
      tags: ['consultation', 'first visit'],
      relatedConcerns: ['acne_scars', 'wrinkles'],
      relatedServices: ['consultation', 'face'],
      publishAt: new Date('2026-01-10T15:00:00Z'),
      readingMinutes: 1,
      version: 1,
    });
    expect(article!.bodyHtml).toContain('<h2 id="questions-about-your-health">');
    expect(article!.toc).toEqual([
      { id: 'questions-about-your-health', text: 'Questions about your health', level: 2 },
      { id: 'photos', text: 'Photos', level: 2 },
      { id: 'sources', text: 'Sources', level: 2 },
    ]);
    const revisions = await t.database.db
      .select({ version: articleRevisions.version, editedBy: articleRevisions.editedBy })
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, article!.id));
    expect(revisions).toEqual([{ version: 1, editedBy: article!.authorId }]);

    const categories = await t.database.db
      .select({ slug: articleCategories.slug, name: articleCategories.name })
      .from(articleCategories)
      .where(eq(articleCategories.clinicId, clinicId));
    expect(categories.map((category) => category.name).sort()).toEqual([
      'Basics',
      'Recovery and aftercare',
      'Treatments',
    ]);
    const profiles = await t.database.db
      .select({ slug: authorProfiles.slug, jobTitle: authorProfiles.jobTitle, credentials: authorProfiles.credentials })
      .from(authorProfiles)
      .where(eq(authorProfiles.clinicId, clinicId));
    expect(profiles).toHaveLength(2);
    expect(profiles).toContainEqual({
      slug: 'maya-okafor',
      jobTitle: 'Board-certified dermatologist',
      credentials: 'MD',
    });
  });

  it('fails when an author does not work at the clinic', async () => {
    const other = await createClinic(t.database);
    await expect(seedDemoArticles(t.database.db, other.clinicId, { directory: FIXTURES })).rejects.toThrow(
      /after-care\.md: author practitioner2@demo\.puncta\.test is not on the clinic's staff/,
    );
  });
});
