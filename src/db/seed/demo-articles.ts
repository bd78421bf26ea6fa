// The demo clinic's articles: Markdown files in ./articles/, each opening with a
// front matter block of `key: value` lines between two `---` lines. The reader is
// strict on purpose: a missing, unknown or repeated key, an unknown category,
// concern, service or author fails the seed with the file name, rather than
// shipping a half-filled article. Seeding is idempotent: categories, author
// profiles and articles are found by their natural keys before anything is added.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { renderArticleMarkdown } from '../../domain/articles/render.ts';
import { CONCERN_IDS, type ConcernId } from '../../domain/clinical/vocabulary.ts';
import type { Db } from '../database.ts';
import { articleCategories, articleRevisions, articles, authorProfiles, clinicMemberships, users } from '../schema.ts';

/** Where the shipped demo articles live. */
export const DEMO_ARTICLES_DIR = fileURLToPath(new URL('./articles/', import.meta.url));

export const DEMO_ARTICLE_CATEGORIES = [
  {
    slug: 'basics',
    name: 'Basics',
    description: 'What micro-needling is, what it can and cannot do, and how to decide whether to find out more.',
  },
  {
    slug: 'treatments',
    name: 'Treatments',
    description: 'How treatment works for each concern: depth, number of sessions, add-ons and what the evidence says.',
  },
  {
    slug: 'recovery',
    name: 'Recovery and aftercare',
    description: 'Getting ready for a session, looking after your skin afterwards, and when to call the clinic.',
  },
] as const;

/** The public profiles of the demo practitioners, by the email of their account. */
export const DEMO_AUTHOR_PROFILES = [
  {
    email: 'practitioner1@demo.puncta.test',
    slug: 'maya-okafor',
    jobTitle: 'Board-certified dermatologist',
    credentials: 'MD',
    bio:
      'Dr. Okafor is a dermatologist who has spent most of her career treating acne scarring and uneven ' +
      'pigment, with a particular interest in darker skin types. She wrote the screening questions our ' +
      'clinic uses and is the doctor who reviews any plan that needs a medical decision.',
  },
  {
    email: 'practitioner2@demo.puncta.test',
    slug: 'daniel-reyes',
    jobTitle: 'Aesthetic nurse specialist',
    credentials: 'RN',
    bio:
      'Daniel is a registered nurse who has carried out collagen induction treatments for close to a ' +
      'decade. He sets needle depths area by area, teaches aftercare, and is usually the person who ' +
      'answers when patients check in during their recovery.',
  },
] as const;

const SERVICE_CODES = ['consultation', 'face', 'face-prp', 'scalp', 'body-stretch-marks'] as const;
const FRONT_MATTER_KEYS = [
  'title',
  'slug',
  'summary',
  'category',
  'tags',
  'concerns',
  'services',
  'author',
  'published',
] as const;
type FrontMatterKey = (typeof FRONT_MATTER_KEYS)[number];
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface DemoArticle {
  /** The file it came from, for error messages. */
  file: string;
  title: string;
  slug: string;
  summary: string;
  categorySlug: string;
  tags: string[];
  concerns: ConcernId[];
  services: string[];
  authorEmail: string;
  /** Published this many days before the seed runs. */
  publishedDaysAgo: number;
  bodyMarkdown: string;
}

export class DemoArticleError extends Error {
  constructor(file: string, problem: string) {
    super(`demo article ${file}: ${problem}`);
    this.name = 'DemoArticleError';
  }
}

/** Reads one article file; throws DemoArticleError naming the file and the problem. */
export function parseDemoArticle(text: string, file: string): DemoArticle {
  const fail = (problem: string): never => {
    throw new DemoArticleError(file, problem);
  };
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  if (lines[0]?.trim() !== '---') fail('must start with a front matter block opened by a "---" line');
  const end = lines.indexOf('---', 1);
  if (end === -1) fail('the front matter block is not closed by a "---" line');

  const values = new Map<FrontMatterKey, string>();
  for (const [offset, line] of lines.slice(1, end).entries()) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon === -1) fail(`line ${offset + 2} is not "key: value": ${JSON.stringify(line)}`);
    const key = line.slice(0, colon).trim();
    if (!(FRONT_MATTER_KEYS as readonly string[]).includes(key)) {
      fail(`unknown key "${key}" (expected ${FRONT_MATTER_KEYS.join(', ')})`);
    }
    if (values.has(key as FrontMatterKey)) fail(`key "${key}" appears twice`);
    values.set(key as FrontMatterKey, line.slice(colon + 1).trim());
  }
  const missing = FRONT_MATTER_KEYS.filter((key) => !values.has(key));
  if (missing.length > 0) fail(`missing key${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);

  const required = (key: FrontMatterKey): string => {
    const value = values.get(key) ?? '';
    return value === '' ? fail(`"${key}" is empty`) : value;
  };
  const list = (key: FrontMatterKey): string[] =>
    (values.get(key) ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);

  const slug = required('slug');
  if (!SLUG.test(slug)) fail(`slug "${slug}" must be lower-case words joined by hyphens`);
  const categorySlug = required('category');
  if (!DEMO_ARTICLE_CATEGORIES.some((category) => category.slug === categorySlug)) {
    fail(`unknown category "${categorySlug}" (expected ${DEMO_ARTICLE_CATEGORIES.map((c) => c.slug).join(', ')})`);
  }
  const concerns = list('concerns');
  for (const concern of concerns) {
    if (!(CONCERN_IDS as readonly string[]).includes(concern)) fail(`unknown concern "${concern}"`);
  }
  const services = list('services');
  for (const service of services) {
    if (!(SERVICE_CODES as readonly string[]).includes(service)) fail(`unknown service "${service}"`);
  }
  const authorEmail = required('author').toLowerCase();
  if (!DEMO_AUTHOR_PROFILES.some((author) => author.email === authorEmail)) {
    fail(`author "${authorEmail}" is not a demo practitioner`);
  }
  const published = required('published');
  if (!/^\d{1,4}$/.test(published)) fail(`"published" must be a whole number of days ago, not "${published}"`);

  const bodyMarkdown = `${lines
    .slice(end + 1)
    .join('\n')
    .trim()}\n`;
  const sectionHeadings = bodyMarkdown.match(/^## .*$/gm) ?? [];
  if (sectionHeadings.at(-1)?.trim() !== '## Sources') fail('the body must end with a "## Sources" section');

  return {
    file,
    title: required('title'),
    slug,
    summary: required('summary'),
    categorySlug,
    tags: [...new Set(list('tags'))],
    concerns: concerns as ConcernId[],
    services,
    authorEmail,
    publishedDaysAgo: Number(published),
    bodyMarkdown,
  };
}

/** Every *.md file of a folder, in name order; a missing folder has none. Slugs must be unique. */
export async function loadDemoArticles(directory: string): Promise<DemoArticle[]> {
  let names: string[];
  try {
    names = (await readdir(directory)).filter((name) => name.endsWith('.md')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const loaded: DemoArticle[] = [];
  for (const name of names) {
    const article = parseDemoArticle(await readFile(path.join(directory, name), 'utf8'), name);
    const twin = loaded.find((other) => other.slug === article.slug);
    if (twin !== undefined) throw new DemoArticleError(name, `slug "${article.slug}" is used by ${twin.file} too`);
    loaded.push(article);
  }
  return loaded;
}

export interface DemoArticlesSeedResult {
  /** Articles added by this run (0 when they were all there already). */
  created: number;
}

/**
 * Adds the categories, the practitioners' author profiles and the articles of
 * `directory` to a clinic, each only if missing. Articles are published `published`
 * days before `now`, with their first revision.
 */
export async function seedDemoArticles(
  db: Db,
  clinicId: string,
  options: { directory?: string; now?: Date } = {},
): Promise<DemoArticlesSeedResult> {
  const demoArticles = await loadDemoArticles(options.directory ?? DEMO_ARTICLES_DIR);
  const now = options.now ?? new Date();

  await db
    .insert(articleCategories)
    .values(DEMO_ARTICLE_CATEGORIES.map((category) => ({ clinicId, ...category })))
    .onConflictDoNothing();
  const categories = await db
    .select({ id: articleCategories.id, slug: articleCategories.slug })
    .from(articleCategories)
    .where(eq(articleCategories.clinicId, clinicId));

  const authorIds = new Map<string, string>();
  for (const profile of DEMO_AUTHOR_PROFILES) {
    const [staff] = await db
      .select({ userId: users.id })
      .from(users)
      .innerJoin(
        clinicMemberships,
        and(eq(clinicMemberships.userId, users.id), eq(clinicMemberships.clinicId, clinicId)),
      )
      .where(sql`lower(${users.email}) = ${profile.email}`);
    if (staff === undefined) continue;
    authorIds.set(profile.email, staff.userId);
    const { email: _email, ...fields } = profile;
    await db
      .insert(authorProfiles)
      .values({ clinicId, userId: staff.userId, ...fields })
      .onConflictDoNothing();
  }

  let created = 0;
  for (const article of demoArticles) {
    const authorId = authorIds.get(article.authorEmail);
    if (authorId === undefined) {
      throw new DemoArticleError(article.file, `author ${article.authorEmail} is not on the clinic's staff`);
    }
    const rendered = renderArticleMarkdown(article.bodyMarkdown);
    const publishAt = new Date(now.getTime() - article.publishedDaysAgo * 24 * 60 * 60 * 1000);
    const [inserted] = await db
      .insert(articles)
      .values({
        clinicId,
        slug: article.slug,
        status: 'published',
        title: article.title,
        summary: article.summary,
        bodyMarkdown: article.bodyMarkdown,
        bodyHtml: rendered.html,
        toc: rendered.toc,
        readingMinutes: rendered.readingMinutes,
        authorId,
        categoryId: categories.find((category) => category.slug === article.categorySlug)?.id ?? null,
        tags: article.tags,
        relatedConcerns: article.concerns,
        relatedServices: article.services,
        publishAt,
        createdAt: publishAt,
        updatedAt: publishAt,
      })
      .onConflictDoNothing()
      .returning({ id: articles.id });
    if (inserted === undefined) continue;
    await db.insert(articleRevisions).values({
      clinicId,
      articleId: inserted.id,
      version: 1,
      title: article.title,
      summary: article.summary,
      bodyMarkdown: article.bodyMarkdown,
      editedBy: authorId,
      createdAt: publishAt,
    });
    created += 1;
  }
  return { created };
}
