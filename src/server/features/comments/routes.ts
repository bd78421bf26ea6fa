// The comments API. Moderation under /api/v1/comments for practitioners and
// clinic admins (settings: admins only), every action audited; and the public
// read of an article's approved thread, which names no email and no address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findPublicClinic } from '../../../db/repositories/clinics.ts';
import { findArticleById, listStaffAnswerers } from '../../../db/repositories/comments.ts';
import { findClinicName } from '../../../db/repositories/staff.ts';
import {
  commentBlockListSchema,
  commentBlockSchema,
  commentBodySchema,
  commentSettingsSchema,
  commentSettingsViewSchema,
  moderationCommentSchema,
  moderationListSchema,
  moderationStatusSchema,
  publicThreadSchema,
} from '../../../domain/comments/contracts.ts';
import { NotFoundError } from '../../../domain/errors.ts';
import type { Config } from '../../../platform/config.ts';
import { auditActor } from '../../audit/actor.ts';
import { denyAsNotFound } from '../../audit/deny.ts';
import { CLINICAL_ROLES } from '../../auth/principal.ts';
import { requireUser } from '../../auth/require-user.ts';
import { problemSchema } from '../../plugins/problems.ts';
import {
  addBlocklistEntry,
  blockSender,
  changeCommentSettings,
  deleteComment,
  editComment,
  listBlocklist,
  listModerationQueue,
  moderateComment,
  readCommentSettings,
  removeBlocklistEntry,
  replyAsClinic,
  setCommentsClosed,
  type CommentServices,
  type ModeratorContext,
} from './commands.ts';
import { buildThread } from './thread.ts';
import { commentKeys } from './tokens.ts';

const moderators = { access: { roles: CLINICAL_ROLES } } as const;
const adminOnly = { access: { roles: ['clinic_admin'] } } as const;
const idParams = z.strictObject({ id: z.uuid() });
const errors = { 401: problemSchema, 403: problemSchema, 404: problemSchema };
const bodyErrors = { 400: problemSchema, 415: problemSchema, 422: problemSchema };

function moderator(request: FastifyRequest): ModeratorContext {
  const user = requireUser(request);
  return { clinicId: user.clinicId, userId: user.userId, actor: auditActor(request) };
}

export default async function commentRoutes(parent: FastifyInstance, options: { config: Config }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = () => app.services.database.db;
  const keys = commentKeys(options.config.sessionSecret);
  const services = (): CommentServices => ({
    database: app.services.database,
    mailer: app.services.mailer,
    config: options.config,
    keys,
  });

  app.get(
    '/articles/:articleId/comments',
    {
      config: { access: 'public' },
      schema: {
        tags: ['comments'],
        summary: "A published article's approved comments, replies nested",
        description:
          'No email address and no address hash is ever part of this answer. 404 for drafts and deleted articles.',
        params: z.strictObject({ articleId: z.uuid() }),
        response: { 200: publicThreadSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => {
      const { articleId } = request.params;
      const clinic = await findPublicClinic(db());
      const article = clinic === undefined ? undefined : await findArticleById(db(), clinic.id, articleId);
      if (clinic === undefined || article === undefined || !article.isPublic) {
        // Signed-in callers are accountable: their misses are on the record like any other refused id.
        if (request.principal.kind === 'user') {
          return denyAsNotFound(db(), auditActor(request), {
            what: 'The article',
            resourceType: 'article',
            resourceId: articleId,
          });
        }
        throw new NotFoundError('The article');
      }
      const thread = await buildThread(db(), clinic.id, article.id);
      const iso = <T extends { createdAt: Date }>(comment: T) => ({
        ...comment,
        createdAt: comment.createdAt.toISOString(),
      });
      return {
        articleId: article.id,
        commentsClosed: article.commentsClosed,
        count: thread.count,
        comments: thread.comments.map((comment) => ({
          ...iso(comment),
          replies: comment.replies.map(({ replies: _none, ...reply }) => iso(reply)),
        })),
      };
    },
  );

  app.get(
    '/comments',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'The moderation queue: comments of one status, optionally of one article',
        description:
          'pending: oldest first, lowest spam score first. spam: likeliest spam first. approved and rejected: newest first. ' +
          'counts covers every status (of the article, when one is given). The read is audited.',
        querystring: z.strictObject({
          status: moderationStatusSchema.default('pending'),
          articleId: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(100),
        }),
        response: { 200: moderationListSchema, 400: problemSchema, ...errors },
      },
    },
    async (request) => listModerationQueue(db(), moderator(request), request.query),
  );

  const statusRoute = (path: string, status: 'approved' | 'rejected' | 'spam', summary: string) =>
    app.post(
      `/comments/:id/${path}`,
      {
        config: moderators,
        schema: {
          tags: ['comments'],
          summary,
          params: idParams,
          response: { 200: moderationCommentSchema, 400: problemSchema, ...errors, 409: problemSchema },
        },
      },
      async (request) => {
        const context = moderator(request);
        const clinicName = (await findClinicName(db(), context.clinicId)) ?? 'the clinic';
        return moderateComment(services(), context, request.params.id, status, clinicName);
      },
    );
  statusRoute('approve', 'approved', 'Publish a comment (a verified commenter becomes trusted)');
  statusRoute('reject', 'rejected', 'Reject a comment: it is never shown');
  statusRoute('spam', 'spam', 'Mark a comment as spam: it is never shown and sorted apart');

  app.patch(
    '/comments/:id',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: "Edit a comment's text; the page then says it was edited by the clinic",
        params: idParams,
        body: z.strictObject({ body: commentBodySchema }),
        response: { 200: moderationCommentSchema, ...bodyErrors, ...errors, 409: problemSchema },
      },
    },
    async (request) => editComment(db(), moderator(request), request.params.id, request.body.body),
  );

  app.post(
    '/comments/:id/replies',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Answer a comment as the clinic (published at once, with the staff member’s name)',
        description:
          'A waiting comment is approved along with the answer. The author of the comment answered is emailed when they asked for replies.',
        params: idParams,
        body: z.strictObject({ body: commentBodySchema }),
        response: { 201: moderationCommentSchema, ...bodyErrors, ...errors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const context = moderator(request);
      const [staff] = await listStaffAnswerers(db(), context.clinicId, [context.userId]);
      const clinicName = (await findClinicName(db(), context.clinicId)) ?? 'the clinic';
      const created = await replyAsClinic(services(), context, request.params.id, request.body.body, {
        displayName: staff?.displayName ?? 'The clinic',
        clinicName,
      });
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/comments/:id',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Delete a comment for good (its text, name and email are wiped; replies keep a placeholder)',
        params: idParams,
        response: { 204: z.null(), 400: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      await deleteComment(db(), moderator(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/comments/:id/block',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Block the email or the network address a comment came from',
        description: 'Later comments from them are sorted as spam. An address is stored only as its keyed hash.',
        params: idParams,
        body: z.strictObject({ kind: z.enum(['email', 'ip']) }),
        response: { 201: commentBlockSchema, 200: commentBlockSchema, ...bodyErrors, ...errors, 409: problemSchema },
      },
    },
    async (request, reply) => {
      const { block, created } = await blockSender(db(), moderator(request), request.params.id, request.body.kind);
      return reply.code(created ? 201 : 200).send(block);
    },
  );

  app.put(
    '/comments/articles/:articleId',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Close or reopen the comments of an article',
        params: z.strictObject({ articleId: z.uuid() }),
        body: z.strictObject({ commentsClosed: z.boolean() }),
        response: {
          200: z.object({ articleId: z.uuid(), commentsClosed: z.boolean() }),
          ...bodyErrors,
          ...errors,
        },
      },
    },
    async (request) =>
      setCommentsClosed(db(), moderator(request), request.params.articleId, request.body.commentsClosed),
  );

  app.get(
    '/comments/blocklist',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: "The clinic's blocklist: emails, network addresses (hashed), words and link domains",
        response: { 200: commentBlockListSchema, ...errors },
      },
    },
    async (request) => listBlocklist(db(), moderator(request)),
  );

  app.post(
    '/comments/blocklist',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Add a word (or phrase) or a link domain to the blocklist',
        body: z.strictObject({ kind: z.enum(['word', 'domain']), value: z.string().min(1).max(200) }),
        response: { 201: commentBlockSchema, 200: commentBlockSchema, ...bodyErrors, ...errors },
      },
    },
    async (request, reply) => {
      const { block, created } = await addBlocklistEntry(db(), moderator(request), request.body);
      return reply.code(created ? 201 : 200).send(block);
    },
  );

  app.delete(
    '/comments/blocklist/:id',
    {
      config: moderators,
      schema: {
        tags: ['comments'],
        summary: 'Remove an entry from the blocklist',
        params: idParams,
        response: { 204: z.null(), 400: problemSchema, ...errors },
      },
    },
    async (request, reply) => {
      await removeBlocklistEntry(db(), moderator(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/comments/settings',
    {
      config: adminOnly,
      schema: {
        tags: ['comments'],
        summary: 'How the clinic runs its comments',
        response: { 200: commentSettingsViewSchema, ...errors },
      },
    },
    async (request) => readCommentSettings(db(), moderator(request)),
  );

  app.put(
    '/comments/settings',
    {
      config: adminOnly,
      schema: {
        tags: ['comments'],
        summary: 'Change how the clinic runs its comments (audited)',
        body: z.strictObject(commentSettingsSchema.shape),
        response: { 200: commentSettingsViewSchema, ...bodyErrors, ...errors },
      },
    },
    async (request) => changeCommentSettings(db(), moderator(request), request.body),
  );
}
