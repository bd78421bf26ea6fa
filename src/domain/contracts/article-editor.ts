// The staff article editor's contract (issue 5): limits, request bodies and
// answers of /api/v1/articles, /api/v1/images and /api/v1/authors. The server's
// routes validate with these schemas and the browser's editor parses its
// answers with them and checks its inputs against the same limits, so the two
// sides cannot drift apart. Pure: zod only.
import { z } from 'zod';
import { CONCERN_IDS } from '../clinical/vocabulary.ts';

export const ARTICLE_LIMITS = {
  titleMax: 140,
  summaryMax: 300,
  /** UTF-8 bytes of the Markdown body. */
  bodyMaxBytes: 100_000,
  tagsMax: 10,
  tagMax: 40,
  slugMax: 80,
  relatedMax: 20,
  serviceCodeMax: 64,
} as const;

export const IMAGE_LIMITS = {
  /** Bytes of an uploaded file. */
  uploadMaxBytes: 8 * 1024 * 1024,
  /** Width of the stored picture; larger ones are scaled down. */
  maxWidth: 1600,
  /** Height of the stored picture, so a very tall strip cannot become a huge file. */
  maxHeight: 3200,
  /** Decoded size (width × height) beyond which an upload is refused as a decompression bomb. */
  maxInputPixels: 40_000_000,
  altMax: 300,
} as const;

export const AUTHOR_LIMITS = { jobTitleMax: 120, credentialsMax: 80, bioMax: 2000 } as const;

/** Where a published article lives on the public site. */
export function articlePath(slug: string): string {
  return `/articles/${slug}`;
}

/** Where a stored image is served from. */
export function imagePath(imageId: string): string {
  return `/media/${imageId}.webp`;
}

/** UTF-8 length without building the bytes (the browser and Node agree on it). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && index + 1 < text.length) {
      // A surrogate pair is one code point of four bytes.
      bytes += 4;
      index += 1;
    } else bytes += 3;
  }
  return bytes;
}

export const slugSchema = z
  .string()
  .min(1)
  .max(ARTICLE_LIMITS.slugMax)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, e.g. how-to-prepare')
  .describe('The last part of the public address, e.g. what-is-micro-needling');

export const articleTitleSchema = z.string().trim().min(1).max(ARTICLE_LIMITS.titleMax);
export const articleSummarySchemaField = z
  .string()
  .trim()
  .max(ARTICLE_LIMITS.summaryMax)
  .describe('One or two sentences for search results, the feed and the article card; required to publish');
export const markdownSchema = z
  .string()
  .refine((text) => utf8Length(text) <= ARTICLE_LIMITS.bodyMaxBytes, {
    message: `Too big: the body must be at most ${ARTICLE_LIMITS.bodyMaxBytes / 1000} KB`,
  })
  .describe('Markdown; rendered and sanitized (allow-list) on every save');
export const tagsSchema = z
  .array(z.string().trim().min(1).max(ARTICLE_LIMITS.tagMax))
  .max(ARTICLE_LIMITS.tagsMax)
  .describe(`Up to ${ARTICLE_LIMITS.tagsMax} tags of at most ${ARTICLE_LIMITS.tagMax} characters`);
export const concernListSchema = z
  .array(z.enum(CONCERN_IDS))
  .max(CONCERN_IDS.length)
  .describe('Concern ids of the clinical vocabulary this article is about');
export const serviceListSchema = z
  .array(z.string().min(1).max(ARTICLE_LIMITS.serviceCodeMax))
  .max(ARTICLE_LIMITS.relatedMax)
  .describe("Codes of the clinic's services this article is about");

export const createArticleSchema = z
  .strictObject({
    title: articleTitleSchema,
    summary: articleSummarySchemaField.default(''),
    bodyMarkdown: markdownSchema.default(''),
    slug: slugSchema.optional().describe('Defaults to one made from the title; unique in the clinic (409 slug_taken)'),
    categoryId: z.uuid().nullable().optional(),
    tags: tagsSchema.default([]),
    relatedConcerns: concernListSchema.default([]),
    relatedServices: serviceListSchema.default([]),
    authorId: z
      .uuid()
      .optional()
      .describe("The author; a clinic admin may name one of the clinic's practitioners, others write as themselves"),
  })
  .meta({ id: 'ArticleCreateRequest' });
export type CreateArticleRequest = z.input<typeof createArticleSchema>;

export const updateArticleSchema = z
  .strictObject({
    version: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('The version this edit started from; or send it as If-Match: "<version>"'),
    title: articleTitleSchema.optional(),
    summary: articleSummarySchemaField.optional(),
    bodyMarkdown: markdownSchema.optional(),
    slug: slugSchema.optional(),
    categoryId: z.uuid().nullable().optional(),
    tags: tagsSchema.optional(),
    relatedConcerns: concernListSchema.optional(),
    relatedServices: serviceListSchema.optional(),
    authorId: z.uuid().optional(),
  })
  .meta({ id: 'ArticleUpdateRequest' });
export type UpdateArticleRequest = z.input<typeof updateArticleSchema>;

export const publishArticleSchema = z
  .strictObject({
    publishAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When it goes public; left out (or now) publishes at once, a future instant schedules it'),
  })
  .meta({ id: 'ArticlePublishRequest' });

export const previewRequestSchema = z
  .strictObject({ bodyMarkdown: markdownSchema })
  .meta({ id: 'ArticlePreviewRequest' });

export const authorProfileRequestSchema = z
  .strictObject({
    jobTitle: z.string().trim().min(1).max(AUTHOR_LIMITS.jobTitleMax),
    credentials: z.string().trim().max(AUTHOR_LIMITS.credentialsMax).nullable().optional(),
    bio: z.string().trim().min(1).max(AUTHOR_LIMITS.bioMax),
    slug: slugSchema.optional().describe('Defaults to one made from your name; /authors/<slug> on the public site'),
  })
  .meta({ id: 'AuthorProfileRequest' });
export type AuthorProfileRequest = z.input<typeof authorProfileRequestSchema>;

// Answers. Objects are not strict: a field the server adds later does not break the app.

export const ARTICLE_STATES = ['draft', 'scheduled', 'published', 'deleted'] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

const personSchema = z.object({ userId: z.string(), displayName: z.string() });

export const tocEntrySchema = z.object({ id: z.string(), text: z.string(), level: z.number().int() });
export type TocEntry = z.infer<typeof tocEntrySchema>;

export const articleListItemSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    summary: z.string(),
    state: z.enum(ARTICLE_STATES).describe('draft; scheduled (published, publishAt in the future); published; deleted'),
    publishAt: z.string().nullable().describe('When it goes or went public; null for drafts'),
    version: z.number().int(),
    author: personSchema,
    category: z.object({ id: z.string(), name: z.string() }).nullable(),
    tags: z.array(z.string()),
    url: z.string().describe('Its address on the public site (reachable once published)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'ArticleListItem' });
export type ArticleListItem = z.infer<typeof articleListItemSchema>;

export const articleListSchema = z.object({ articles: z.array(articleListItemSchema) }).meta({ id: 'ArticleList' });

export const articleSchema = articleListItemSchema
  .extend({
    bodyMarkdown: z.string(),
    bodyHtml: z.string().describe('Sanitized HTML rendered at the last save'),
    toc: z.array(tocEntrySchema),
    readingMinutes: z.number().int(),
    categoryId: z.string().nullable(),
    relatedConcerns: z.array(z.enum(CONCERN_IDS)),
    relatedServices: z.array(z.string()),
    commentsClosed: z.boolean(),
  })
  .meta({ id: 'Article' });
export type Article = z.infer<typeof articleSchema>;

export const revisionListItemSchema = z
  .object({ version: z.number().int(), title: z.string(), editedBy: personSchema, createdAt: z.string() })
  .meta({ id: 'ArticleRevisionListItem' });
export type RevisionListItem = z.infer<typeof revisionListItemSchema>;

export const revisionListSchema = z
  .object({ revisions: z.array(revisionListItemSchema).describe('Newest first') })
  .meta({ id: 'ArticleRevisionList' });

export const revisionSchema = revisionListItemSchema
  .extend({ summary: z.string(), bodyMarkdown: z.string() })
  .meta({ id: 'ArticleRevision' });
export type Revision = z.infer<typeof revisionSchema>;

export const previewSchema = z
  .object({ html: z.string(), toc: z.array(tocEntrySchema), readingMinutes: z.number().int() })
  .meta({ id: 'ArticlePreview' });
export type Preview = z.infer<typeof previewSchema>;

export const categorySchema = z
  .object({ id: z.string(), slug: z.string(), name: z.string(), description: z.string() })
  .meta({ id: 'ArticleCategory' });
export type Category = z.infer<typeof categorySchema>;

export const categoryListSchema = z.object({ categories: z.array(categorySchema) }).meta({ id: 'ArticleCategoryList' });

export const relatedServiceSchema = z.object({ code: z.string(), name: z.string() });
export const relatedServiceListSchema = z
  .object({ services: z.array(relatedServiceSchema) })
  .meta({ id: 'ArticleServiceList' });
export type RelatedService = z.infer<typeof relatedServiceSchema>;

export const authorProfileSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    jobTitle: z.string(),
    credentials: z.string().nullable(),
    bio: z.string(),
  })
  .meta({ id: 'AuthorProfile' });
export type AuthorProfile = z.infer<typeof authorProfileSchema>;

export const authorSchema = z
  .object({
    userId: z.string(),
    displayName: z.string(),
    role: z.enum(['practitioner', 'clinic_admin']),
    profile: authorProfileSchema.nullable().describe('Null until they wrote their author profile'),
  })
  .meta({ id: 'Author' });
export type Author = z.infer<typeof authorSchema>;

export const authorListSchema = z
  .object({ authors: z.array(authorSchema).describe("The clinic's practitioners and admins, who may write") })
  .meta({ id: 'AuthorList' });

export const siteImageSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    contentType: z.string(),
    alt: z.string(),
    markdown: z.string().describe('Ready to paste into an article: ![alt](url)'),
  })
  .meta({ id: 'SiteImage' });
export type SiteImage = z.infer<typeof siteImageSchema>;

/** Markdown for an image: brackets in the alt text are escaped so it cannot break the syntax. */
export function imageMarkdown(alt: string, imageId: string): string {
  const safeAlt = alt.replace(/[\\[\]]/g, (character) => `\\${character}`).replace(/\s+/g, ' ');
  return `![${safeAlt}](${imagePath(imageId)})`;
}
