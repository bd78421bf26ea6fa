// The comment API's shapes, shared by the server (request and response
// schemas) and the moderation screen (parsing answers). The public shapes
// carry no email and no address hash, by construction: the fields do not exist.
import { z } from 'zod';
import { COMMENT_LIMITS } from './form.ts';
import { SCREENING_REASONS, SETTINGS_LIMITS } from './screening.ts';

export const MODERATION_STATUSES = ['pending', 'approved', 'spam', 'rejected'] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];
export const moderationStatusSchema = z.enum(MODERATION_STATUSES);

const clinicAnswerSchema = z.object({ staffName: z.string(), jobTitle: z.string().nullable() });

const publicCommentFields = {
  id: z.uuid(),
  authorName: z.string(),
  authorWebsite: z.string().nullable(),
  body: z.string().describe('Plain text; empty for a deleted comment kept as a placeholder'),
  createdAt: z.iso.datetime(),
  fromClinic: clinicAnswerSchema.nullable().describe('Set for an answer from the clinic'),
  editedByStaff: z.boolean(),
  deleted: z.boolean(),
};

export const publicReplySchema = z.object(publicCommentFields).meta({ id: 'PublicCommentReply' });
export const publicCommentSchema = z
  .object({ ...publicCommentFields, replies: z.array(publicReplySchema) })
  .meta({ id: 'PublicComment' });

export const publicThreadSchema = z
  .object({
    articleId: z.uuid(),
    commentsClosed: z.boolean(),
    count: z.number().int().describe('Approved comments and replies'),
    comments: z.array(publicCommentSchema),
  })
  .meta({ id: 'PublicCommentThread' });
export type PublicThreadJson = z.infer<typeof publicThreadSchema>;

export const screeningReasonSchema = z.enum(SCREENING_REASONS);

export const moderationCommentSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['pending', 'approved', 'spam', 'rejected', 'deleted']),
    article: z.object({ id: z.uuid(), title: z.string(), slug: z.string(), commentsClosed: z.boolean() }),
    parent: z
      .object({ id: z.uuid(), authorName: z.string(), excerpt: z.string() })
      .nullable()
      .describe('The comment this one answers'),
    authorName: z.string(),
    authorEmail: z.string().nullable().describe('Shown to moderators only; null for answers from the clinic'),
    authorWebsite: z.string().nullable(),
    body: z.string(),
    heldReasons: z.array(z.string()).describe('Codes: see ScreeningReason'),
    spamScore: z.number().int(),
    notifyReplies: z.boolean(),
    fromClinic: z.object({ userId: z.uuid(), staffName: z.string() }).nullable(),
    createdAt: z.iso.datetime(),
    moderatedAt: z.iso.datetime().nullable(),
    moderatedBy: z.string().nullable().describe('Display name of the moderator'),
    editedAt: z.iso.datetime().nullable(),
    editedBy: z.string().nullable(),
  })
  .meta({ id: 'ModerationComment' });
export type ModerationComment = z.infer<typeof moderationCommentSchema>;

export const moderationListSchema = z
  .object({
    comments: z.array(moderationCommentSchema),
    counts: z.object({
      pending: z.number().int(),
      approved: z.number().int(),
      spam: z.number().int(),
      rejected: z.number().int(),
    }),
  })
  .meta({ id: 'ModerationQueue' });
export type ModerationList = z.infer<typeof moderationListSchema>;

export const commentBodySchema = z
  .string()
  .trim()
  .min(COMMENT_LIMITS.bodyMin)
  .max(COMMENT_LIMITS.bodyMax)
  .describe('Plain text; links are made when it is shown');

export const blockKindSchema = z.enum(['email', 'ip', 'word', 'domain']);
export type BlockKind = z.infer<typeof blockKindSchema>;

export const commentBlockSchema = z
  .object({
    id: z.uuid(),
    kind: blockKindSchema,
    value: z.string().describe('For ip: a label, never the address (only its keyed hash is kept)'),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'CommentBlock' });
export type CommentBlock = z.infer<typeof commentBlockSchema>;
export const commentBlockListSchema = z.object({ blocks: z.array(commentBlockSchema) }).meta({ id: 'CommentBlocks' });

export const commentSettingsSchema = z
  .object({
    moderateAll: z.boolean(),
    maxLinks: z.number().int().min(SETTINGS_LIMITS.maxLinks.min).max(SETTINGS_LIMITS.maxLinks.max),
    minSecondsToSubmit: z
      .number()
      .int()
      .min(SETTINGS_LIMITS.minSecondsToSubmit.min)
      .max(SETTINGS_LIMITS.minSecondsToSubmit.max),
    akismetEndpoint: z
      .url({ protocol: /^https?$/ })
      .max(500)
      .nullable()
      .optional()
      .describe('Akismet-compatible service, e.g. https://rest.akismet.com; null turns the check off, absent keeps it'),
    akismetKey: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .optional()
      .describe('Write-only API key; null removes it, absent keeps the stored one'),
  })
  .meta({ id: 'CommentSettings' });

export const commentSettingsViewSchema = commentSettingsSchema
  .omit({ akismetKey: true })
  .extend({
    akismetEndpoint: z.string().nullable(),
    akismetConfigured: z.boolean().describe('An endpoint and a key are set (the key itself is never shown)'),
    updatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'CommentSettingsView' });
export type CommentSettingsView = z.infer<typeof commentSettingsViewSchema>;

/** Words a moderator reads for each reason code. */
export const REASON_WORDS: Record<(typeof SCREENING_REASONS)[number], string> = {
  honeypot: 'A hidden field that people never see was filled in (a script).',
  too_fast: 'Sent faster than a person can type, or without a valid form.',
  blocked_sender: 'The email or address is on the blocklist.',
  blocklist_word: 'Contains a blocked word.',
  blocklist_domain: 'Links to a blocked domain.',
  duplicate: 'The same text was posted recently by the same person.',
  too_many_links: 'Far more links than allowed.',
  links: 'More links than allowed.',
  personal_health_details:
    'May contain personal health details (a date of birth, phone number, medication dose or diagnosis). The author was advised to book a consultation.',
  first_comment: 'New commenter: their email is not yet verified and trusted.',
  moderate_all: 'The clinic holds every comment for review.',
  akismet: 'The spam-check service called it spam.',
  akismet_unavailable: 'The spam-check service did not answer, so it waits for a person.',
};
