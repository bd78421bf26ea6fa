// The article editor's API (issue 5): practitioners and clinic admins write,
// save (optimistic concurrency on the version), publish and delete the clinic's
// articles, see and restore revisions, preview Markdown, upload images and keep
// their author profile. Front desk and patients get 403; another clinic's
// article answers 404 like an unknown id, audited. Contract:
// src/domain/contracts/article-editor.ts.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderArticleMarkdown } from '../../../domain/articles/render.ts';
import {
  ARTICLE_STATES,
  IMAGE_LIMITS,
  articleListSchema,
  articleSchema,
  authorListSchema,
  authorProfileRequestSchema,
  authorSchema,
  categoryListSchema,
  createArticleSchema,
  imageMarkdown,
  imagePath,
  previewRequestSchema,
  previewSchema,
  publishArticleSchema,
  relatedServiceListSchema,
  revisionListSchema,
  revisionSchema,
  siteImageSchema,
  tocEntrySchema,
  updateArticleSchema,
} from '../../../domain/contracts/article-editor.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import { listArticles, listAuthors, listCategories, listRelatedServices } from '../../../db/repositories/articles.ts';
import { hitBucket } from '../../../db/repositories/rate-limits.ts';
import { insertSiteImage } from '../../../db/repositories/site-images.ts';
import { recordAuditEvent } from '../../../db/repositories/audit.ts';
import { auditActor } from '../../audit/actor.ts';
import { CLINICAL_ROLES } from '../../auth/principal.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema, sendProblem } from '../../plugins/problems.ts';
import {
  createArticle,
  deleteArticle,
  publishArticle,
  readArticle,
  readRevision,
  readRevisions,
  saveArticle,
  saveOwnAuthorProfile,
  unpublishArticle,
  type EditorContext,
} from './commands.ts';
import { ImageRejectedError, reencodeImage } from './images.ts';
import { presentArticle, presentAuthor, presentListItem, presentRevision, presentRevisionItem } from './present.ts';

const editors = { access: { roles: CLINICAL_ROLES } } as const;
const TAGS = ['articles'];

const articleParams = z.strictObject({ articleId: z.uuid() });
const revisionParams = z.strictObject({ articleId: z.uuid(), version: z.coerce.number().int().positive() });

/** Previews per editor per minute: generous for typing with a debounce, not for a script. */
const PREVIEW_LIMIT = { limit: 120, windowSeconds: 60 };

const errors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
const writeErrors = { ...errors, 409: problemSchema, 415: problemSchema, 422: problemSchema };

function editorContext(request: FastifyRequest): EditorContext {
  const user = requireUser(request);
  return { clinicId: user.clinicId, userId: user.userId, role: user.role, actor: auditActor(request) };
}

/** `"3"`, `W/"3"` or a bare 3; undefined when the header is absent, null when it says something else. */
function versionFromIfMatch(header: string | string[] | undefined): number | undefined | null {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header.join(',') : header;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(value);
  return match?.[1] === undefined ? null : Number(match[1]);
}

function etag(version: number): string {
  return `"${version}"`;
}

export default async function articleRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = () => app.services.database.db;

  app.get(
    '/articles',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: "The clinic's articles for the editors: drafts, scheduled and published",
        description:
          'Most recently changed first. Without `state`, deleted articles are left out; `state=deleted` lists them.',
        querystring: z.strictObject({
          state: z.enum(ARTICLE_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(200),
        }),
        response: { 200: articleListSchema, ...errors },
      },
    },
    async (request) => {
      const { clinicId } = requireUser(request);
      const rows = await listArticles(db(), clinicId, request.query);
      return { articles: rows.map(presentListItem) };
    },
  );

  app.post(
    '/articles',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Start a new article as a draft (version 1)',
        description:
          'The author is the caller; a clinic admin may name one of the clinic’s practitioners in `authorId`. ' +
          'The Markdown is rendered and sanitized on every save. 409 slug_taken when another article uses the ' +
          'slug; 422 unknown_category / unknown_service / unknown_author for references outside the clinic.',
        body: createArticleSchema,
        response: { 201: articleSchema, ...writeErrors },
      },
    },
    async (request, reply) => {
      const article = await createArticle(db(), editorContext(request), request.body);
      return reply.code(201).header('etag', etag(article.version)).send(presentArticle(article));
    },
  );

  app.post(
    '/articles/preview',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Render Markdown as the site would, without saving',
        description: `The same renderer and sanitizer as a save. At most ${PREVIEW_LIMIT.limit} previews a minute per person (429).`,
        body: previewRequestSchema,
        response: { 200: previewSchema, ...errors, 413: problemSchema, 415: problemSchema, 429: problemSchema },
      },
    },
    async (request) => {
      const { userId } = requireUser(request);
      const bucket = await hitBucket(db(), `article-preview:${userId}`, PREVIEW_LIMIT.windowSeconds);
      if (bucket.count > PREVIEW_LIMIT.limit) {
        throw new RateLimitedError('Too many previews in a short time. Wait a moment.', bucket.retryAfterSeconds);
      }
      const { html, toc, readingMinutes } = renderArticleMarkdown(request.body.bodyMarkdown);
      return { html, toc: z.array(tocEntrySchema).parse(toc), readingMinutes: Math.max(1, Math.round(readingMinutes)) };
    },
  );

  app.get(
    '/articles/:articleId',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'One article with its Markdown, rendered HTML and current version',
        description: 'The ETag header carries the version, for If-Match on the next save.',
        params: articleParams,
        response: { 200: articleSchema, ...errors },
      },
    },
    async (request, reply) => {
      const article = await readArticle(db(), editorContext(request), request.params.articleId);
      return reply.header('etag', etag(article.version)).send(presentArticle(article));
    },
  );

  app.put(
    '/articles/:articleId',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Save an article: a new version and revision, refused if someone saved in between',
        description:
          'Send the version the edit started from as `If-Match: "<version>"` or as `version` (428 ' +
          'version_required without either). When the article has moved on, 412 version_conflict and nothing ' +
          'changes. Fields left out keep their value. Restoring a revision is saving its title, summary and body.',
        params: articleParams,
        body: updateArticleSchema,
        response: { 200: articleSchema, ...writeErrors, 412: problemSchema, 428: problemSchema },
      },
    },
    async (request, reply) => {
      const { version: bodyVersion, ...changes } = request.body;
      const headerVersion = versionFromIfMatch(request.headers['if-match']);
      if (headerVersion === null) {
        return sendProblem(
          request,
          reply,
          400,
          'invalid_if_match',
          'If-Match must be the article\'s version, e.g. "3".',
        );
      }
      if (headerVersion !== undefined && bodyVersion !== undefined && headerVersion !== bodyVersion) {
        return sendProblem(request, reply, 400, 'version_mismatch', 'If-Match and `version` name different versions.');
      }
      const expected = headerVersion ?? bodyVersion;
      if (expected === undefined) {
        return sendProblem(
          request,
          reply,
          428,
          'version_required',
          'Say which version you edited (If-Match or `version`), so a save never overwrites someone else’s.',
        );
      }
      const outcome = await saveArticle(db(), editorContext(request), request.params.articleId, expected, changes);
      if (outcome.kind === 'stale') {
        return sendProblem(
          request,
          reply,
          412,
          'version_conflict',
          `Someone else saved this article (it is at version ${outcome.currentVersion}, you edited version ${expected}). Reload to see their changes.`,
        );
      }
      return reply.header('etag', etag(outcome.article.version)).send(presentArticle(outcome.article));
    },
  );

  app.delete(
    '/articles/:articleId',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Delete an article: off the public site for good, its comments with it',
        description: 'The article and its revisions stay in the database for the record; deleting twice is harmless.',
        params: articleParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deleteArticle(db(), editorContext(request), request.params.articleId);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/articles/:articleId/revisions',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Every saved version of an article, newest first',
        params: articleParams,
        response: { 200: revisionListSchema, ...errors },
      },
    },
    async (request) => {
      const revisions = await readRevisions(db(), editorContext(request), request.params.articleId);
      return { revisions: revisions.map(presentRevisionItem) };
    },
  );

  app.get(
    '/articles/:articleId/revisions/:version',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'One saved version: its title, summary and Markdown',
        params: revisionParams,
        response: { 200: revisionSchema, ...errors },
      },
    },
    async (request) =>
      presentRevision(
        await readRevision(db(), editorContext(request), request.params.articleId, request.params.version),
      ),
  );

  app.post(
    '/articles/:articleId/publish',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Publish now, or schedule for a future time',
        description:
          'Send `{}` to publish at once, or `{ "publishAt": "2026-12-01T09:00:00-05:00" }` to schedule. The public ' +
          'site shows it from then on. 422 summary_required / body_required / publish_at_in_past; 409 article_deleted.',
        params: articleParams,
        body: publishArticleSchema,
        response: { 200: articleSchema, ...writeErrors },
      },
    },
    async (request) => {
      const { publishAt } = request.body;
      const article = await publishArticle(db(), editorContext(request), request.params.articleId, {
        publishAt: publishAt === undefined ? undefined : new Date(publishAt),
        now: new Date(),
      });
      return presentArticle(article);
    },
  );

  app.post(
    '/articles/:articleId/unpublish',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Take a published or scheduled article back to draft',
        params: articleParams,
        response: { 200: articleSchema, ...errors, 409: problemSchema },
      },
    },
    async (request) => presentArticle(await unpublishArticle(db(), editorContext(request), request.params.articleId)),
  );

  app.get(
    '/article-categories',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: "The clinic's article categories",
        response: { 200: categoryListSchema, ...errors },
      },
    },
    async (request) => ({ categories: await listCategories(db(), requireUser(request).clinicId) }),
  );

  app.get(
    '/article-services',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: "The clinic's services an article may point readers to (code and name)",
        response: { 200: relatedServiceListSchema, ...errors },
      },
    },
    async (request) => ({ services: await listRelatedServices(db(), requireUser(request).clinicId) }),
  );

  app.get(
    '/authors',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: "Who may write: the clinic's practitioners and admins, with their author profiles",
        response: { 200: authorListSchema, ...errors },
      },
    },
    async (request) => ({ authors: (await listAuthors(db(), requireUser(request).clinicId)).map(presentAuthor) }),
  );

  app.put(
    '/authors/me',
    {
      config: editors,
      schema: {
        tags: TAGS,
        summary: 'Write or change your own author profile (job title, credentials, bio, address)',
        description: 'Shown with your articles and at /authors/<slug>. 409 slug_taken when another author uses it.',
        body: authorProfileRequestSchema,
        response: { 200: authorSchema, ...writeErrors },
      },
    },
    async (request) => presentAuthor(await saveOwnAuthorProfile(db(), editorContext(request), request.body)),
  );

  // Images: the file itself is the body (image/jpeg, image/png...), the alt text in
  // the query. One file per request by construction, no multipart parser needed.
  await app.register(async (images) => {
    images.addContentTypeParser(
      /^image\/[a-z0-9.+-]+$/i,
      { parseAs: 'buffer', bodyLimit: IMAGE_LIMITS.uploadMaxBytes },
      (_request, body, done) => done(null, body),
    );
    const typed = images.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/images',
      {
        config: editors,
        bodyLimit: IMAGE_LIMITS.uploadMaxBytes,
        // Checked before the body is read (after the access check): a wrong type is refused without reading it.
        onRequest: async (request: FastifyRequest, reply: FastifyReply) => {
          const type = request.headers['content-type'];
          // No body at all is answered after validation (400: nothing to upload).
          if (type === undefined) return undefined;
          if (!/^image\/[a-z0-9.+-]+\s*(;|$)/i.test(type) || /^image\/svg/i.test(type)) {
            return sendProblem(
              request,
              reply,
              415,
              'unsupported_image',
              'Send the picture itself as the body, with its image/* content type (JPEG, PNG, WebP, GIF, AVIF or TIFF).',
            );
          }
          return undefined;
        },
        schema: {
          tags: TAGS,
          summary: 'Upload a picture for an article',
          description:
            `The body is the image file (Content-Type image/jpeg, image/png, image/webp..., at most ` +
            `${IMAGE_LIMITS.uploadMaxBytes / 1024 / 1024} MB); \`alt\` describes it. It is turned upright by its ` +
            `EXIF orientation, stripped of all metadata (GPS included), scaled to at most ` +
            `${IMAGE_LIMITS.maxWidth} px wide and stored as WebP. 415 for anything that is not a picture, 413 ` +
            `for files or pixel counts beyond the limits.`,
          querystring: z.strictObject({
            alt: z
              .string()
              .trim()
              .min(1)
              .max(IMAGE_LIMITS.altMax)
              .describe('What the picture shows, for people who cannot see it'),
          }),
          response: { 201: siteImageSchema, ...errors, 413: problemSchema, 415: problemSchema },
        },
      },
      async (request, reply) => {
        const context = editorContext(request);
        const body = request.body;
        if (!Buffer.isBuffer(body)) {
          return sendProblem(request, reply, 400, 'empty_image', 'The upload is empty: choose a picture.');
        }
        let image;
        try {
          image = await reencodeImage(body);
        } catch (error) {
          if (error instanceof ImageRejectedError) {
            return sendProblem(request, reply, error.status, error.code, error.message);
          }
          throw error;
        }
        const { alt } = request.query;
        const stored = await db().transaction(async (tx) => {
          const inserted = await insertSiteImage(tx, {
            clinicId: context.clinicId,
            contentType: image.contentType,
            width: image.width,
            height: image.height,
            bytes: image.bytes,
            alt,
            uploadedBy: context.userId,
          });
          await recordAuditEvent(tx, context.actor, {
            action: 'create',
            outcome: 'allowed',
            resourceType: 'site_image',
            resourceId: inserted.id,
          });
          return inserted;
        });
        return reply.code(201).send({
          id: stored.id,
          url: imagePath(stored.id),
          width: image.width,
          height: image.height,
          contentType: image.contentType,
          alt,
          markdown: imageMarkdown(alt, stored.id),
        });
      },
    );
  });
}
