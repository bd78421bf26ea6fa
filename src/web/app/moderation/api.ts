// The comment moderation endpoints, one function each. The answers are parsed
// with the server's own schemas (src/domain/comments/contracts.ts), so a field
// the server renames breaks the type check here.
//
//   GET    /api/v1/comments?status=&articleId=&limit=   the queue, with counts per status
//   POST   /api/v1/comments/:id/approve|reject|spam
//   PATCH  /api/v1/comments/:id                         { body }: edit ("edited by the clinic")
//   POST   /api/v1/comments/:id/replies                 { body }: answer as the clinic
//   DELETE /api/v1/comments/:id
//   POST   /api/v1/comments/:id/block                   { kind: 'email' | 'ip' }
//   PUT    /api/v1/comments/articles/:articleId         { commentsClosed }
//   GET/POST /api/v1/comments/blocklist, DELETE /api/v1/comments/blocklist/:id
//   GET/PUT  /api/v1/comments/settings                  clinic admins only
import { z } from 'zod';
import { requestJson } from '../api/fetch-json.ts';
import {
  commentBlockListSchema,
  commentBlockSchema,
  commentSettingsViewSchema,
  moderationCommentSchema,
  moderationListSchema,
  type ModerationStatus,
} from '../../../domain/comments/contracts.ts';

export {
  REASON_WORDS,
  type CommentBlock,
  type CommentSettingsView,
  type ModerationComment,
  type ModerationList,
  type ModerationStatus,
} from '../../../domain/comments/contracts.ts';
export { COMMENT_LIMITS } from '../../../domain/comments/form.ts';
export { SETTINGS_LIMITS } from '../../../domain/comments/screening.ts';

const BASE = '/api/v1/comments';

export const QUEUE_LIMIT = 100;

export const moderationApi = {
  list: (status: ModerationStatus, signal?: AbortSignal) =>
    requestJson(`${BASE}?status=${status}&limit=${QUEUE_LIMIT}`, moderationListSchema, { signal }),

  approve: (id: string) => requestJson(`${BASE}/${id}/approve`, moderationCommentSchema, { method: 'POST' }),
  reject: (id: string) => requestJson(`${BASE}/${id}/reject`, moderationCommentSchema, { method: 'POST' }),
  markSpam: (id: string) => requestJson(`${BASE}/${id}/spam`, moderationCommentSchema, { method: 'POST' }),

  edit: (id: string, body: string) =>
    requestJson(`${BASE}/${id}`, moderationCommentSchema, { method: 'PATCH', body: { body } }),

  reply: (id: string, body: string) =>
    requestJson(`${BASE}/${id}/replies`, moderationCommentSchema, { method: 'POST', body: { body } }),

  remove: (id: string) => requestJson(`${BASE}/${id}`, undefined, { method: 'DELETE' }),

  block: (id: string, kind: 'email' | 'ip') =>
    requestJson(`${BASE}/${id}/block`, commentBlockSchema, { method: 'POST', body: { kind } }),

  setCommentsClosed: (articleId: string, commentsClosed: boolean) =>
    requestJson(`${BASE}/articles/${articleId}`, z.object({ articleId: z.string(), commentsClosed: z.boolean() }), {
      method: 'PUT',
      body: { commentsClosed },
    }),

  blocklist: (signal?: AbortSignal) => requestJson(`${BASE}/blocklist`, commentBlockListSchema, { signal }),

  addToBlocklist: (kind: 'word' | 'domain', value: string) =>
    requestJson(`${BASE}/blocklist`, commentBlockSchema, { method: 'POST', body: { kind, value } }),

  removeFromBlocklist: (id: string) => requestJson(`${BASE}/blocklist/${id}`, undefined, { method: 'DELETE' }),

  settings: (signal?: AbortSignal) => requestJson(`${BASE}/settings`, commentSettingsViewSchema, { signal }),

  saveSettings: (settings: {
    moderateAll: boolean;
    maxLinks: number;
    minSecondsToSubmit: number;
    /** null turns the check off. */
    akismetEndpoint: string | null;
    /** Write-only: undefined keeps the stored key, null removes it. */
    akismetKey?: string | null;
  }) => requestJson(`${BASE}/settings`, commentSettingsViewSchema, { method: 'PUT', body: settings }),
};
