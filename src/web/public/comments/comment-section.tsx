// "Leave a Reply": the comment thread and form under an article (issue 5).
// The article page loads the thread with loadCommentThread and renders
// <CommentSection>; the form posts to /articles/:slug/comments and works
// without JavaScript. Comment text is plain text: escapeHtml escapes all of it,
// and the only markup made from it is paragraphs, line breaks and http(s) links
// with rel="nofollow ugc noopener".
import { LinkifyIt } from 'linkify-it';
import type { Db } from '../../../db/database.ts';
import { COMMENT_LIMITS, type CommentField, type CommentFormValues } from '../../../domain/comments/form.ts';
import { buildThread } from '../../../server/features/comments/thread.ts';
import { registeredCommentKeys, signFormTimestamp } from '../../../server/features/comments/tokens.ts';
import { links } from '../site-context.ts';

/** Which notice to show after a post (from the redirect's ?comment= value; never user text). */
export type CommentNotice = 'held' | 'held_health' | 'published' | 'deleted' | 'unsubscribed';

export const COMMENT_NOTICES: readonly CommentNotice[] = [
  'held',
  'held_health',
  'published',
  'deleted',
  'unsubscribed',
];

/** The notice named by a ?comment= query value, or undefined for anything else. */
export function readCommentNotice(value: unknown): CommentNotice | undefined {
  return COMMENT_NOTICES.find((notice) => notice === value);
}

export interface PublicComment {
  id: string;
  authorName: string;
  /** Shown as a nofollow ugc link when present. */
  authorWebsite: string | null;
  /** Plain text; the section makes links and paragraphs itself. */
  body: string;
  createdAt: Date;
  /** A staff answer: the "answer from the clinic" badge and their name. */
  fromClinic: { staffName: string; jobTitle: string | null } | null;
  editedByStaff: boolean;
  /** Deleted comments that still have replies keep their place as a placeholder. */
  deleted: boolean;
  replies: PublicComment[];
}

export interface CommentThread {
  /** Approved comments only, oldest first, replies nested one level. */
  comments: PublicComment[];
  count: number;
  /** The signed moment the form was rendered (minimum time to submit); set by loadCommentThread. */
  formToken?: string;
}

export async function loadCommentThread(db: Db, clinicId: string, articleId: string): Promise<CommentThread> {
  const thread = await buildThread(db, clinicId, articleId);
  const formToken = commentFormToken(db, articleId, new Date());
  return formToken === undefined ? thread : { ...thread, formToken };
}

/**
 * The form's signed "shown at" value, for a page rendered now. The article page
 * caches everything else and puts a fresh one into each answer.
 */
export function commentFormToken(db: Db, articleId: string, now: Date): string | undefined {
  const keys = registeredCommentKeys(db);
  return keys === undefined ? undefined : signFormTimestamp(keys, articleId, now);
}

const REL = 'nofollow ugc noopener';

// Web links only: no mailto:, ftp: or protocol-relative links; bare domains (example.com) count.
const linkify = new LinkifyIt({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false })
  .add('mailto:', null)
  .add('ftp:', null)
  .add('//', null);

/** Only http and https become links; anything else stays text. */
function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

// The thread is rendered to a string by the small template below rather than by
// React: on an article with a few hundred comments React's element overhead was
// most of the page's render time. The markup is exactly what the React
// components it replaced produced, and every piece of text and every attribute
// value goes through escapeHtml (the same five characters React escapes).
const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#x27;',
};

/** Text or an attribute value made safe for HTML, as React escapes it. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character]!);
}

/** One line of comment text: escaped, with its http(s) links made. */
function linkifiedHtml(text: string): string {
  const matches = linkify.match(text) ?? [];
  let html = '';
  let last = 0;
  for (const match of matches) {
    const href = safeHref(match.url);
    if (href === undefined) continue;
    if (match.index > last) html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(href)}" rel="${REL}">${escapeHtml(match.text)}</a>`;
    last = match.lastIndex;
  }
  if (last < text.length) html += escapeHtml(text.slice(last));
  return html;
}

/** Paragraphs at empty lines, line breaks kept, links made: the HTML of a comment's text. */
export function commentBodyHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim() !== '');
  let html = '<div class="comment-body">';
  for (const paragraph of paragraphs) {
    html += `<p>${paragraph.split('\n').map(linkifiedHtml).join('<br/>')}</p>`;
  }
  return `${html}</div>`;
}

/** One formatter per time zone: creating an Intl.DateTimeFormat costs far more than using one. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const DATE_FORMATS_LIMIT = 100;

function dateFormatFor(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone });
    } catch {
      format = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });
    }
    if (dateFormats.size >= DATE_FORMATS_LIMIT) dateFormats.clear();
    dateFormats.set(timeZone, format);
  }
  return format;
}

function authorNameHtml(comment: PublicComment): string {
  const href = comment.authorWebsite === null ? undefined : safeHref(comment.authorWebsite);
  const name = escapeHtml(comment.authorName);
  return `<span class="comment-author">${
    href === undefined ? name : `<a href="${escapeHtml(href)}" rel="${REL}">${name}</a>`
  }</span>`;
}

function commentItemHtml(
  comment: PublicComment,
  replyHref: string,
  canReply: boolean,
  format: Intl.DateTimeFormat,
): string {
  const fromClinic = comment.fromClinic;
  let html = `<li id="comment-${escapeHtml(comment.id)}" class="comment${fromClinic === null ? '' : ' comment-clinic'}">`;
  if (comment.deleted) {
    html += '<p class="comment-deleted">This comment was deleted.</p>';
  } else {
    const shownName = escapeHtml(fromClinic?.staffName ?? comment.authorName);
    html += `<article aria-label="Comment by ${shownName}"><header class="comment-meta">`;
    if (fromClinic === null) {
      html += authorNameHtml(comment);
    } else {
      html += `<span class="comment-author">${escapeHtml(fromClinic.staffName)}${
        fromClinic.jobTitle === null ? '' : `<span class="comment-job">, ${escapeHtml(fromClinic.jobTitle)}</span>`
      }</span><span class="comment-badge">Answer from the clinic</span>`;
    }
    html +=
      `<time class="comment-date" dateTime="${escapeHtml(comment.createdAt.toISOString())}">` +
      `${escapeHtml(format.format(comment.createdAt))}</time></header>${commentBodyHtml(comment.body)}`;
    if (comment.editedByStaff) html += '<p class="comment-edited">Edited by the clinic.</p>';
    if (canReply) {
      html +=
        `<p class="comment-actions"><a class="comment-reply-link" href="${replyHref}${escapeHtml(comment.id)}#reply"` +
        ` aria-label="Reply to ${shownName}">Reply</a></p>`;
    }
    html += '</article>';
  }
  if (comment.replies.length > 0) {
    html += '<ol class="comment-replies">';
    for (const reply of comment.replies) html += commentItemHtml(reply, replyHref, false, format);
    html += '</ol>';
  }
  return `${html}</li>`;
}

/** The items of the thread's <ol class="comment-list">, as HTML. */
export function commentListHtml(
  comments: readonly PublicComment[],
  options: { articleSlug: string; canReply: boolean; timeZone: string },
): string {
  const format = dateFormatFor(options.timeZone);
  const replyHref = escapeHtml(`/articles/${encodeURIComponent(options.articleSlug)}?replyto=`);
  let html = '';
  for (const comment of comments) html += commentItemHtml(comment, replyHref, options.canReply, format);
  return html;
}

const NOTICE_TEXT: Record<CommentNotice, { title: string; text: string }> = {
  held: {
    title: 'Thank you for your comment.',
    text: 'It will appear here once a member of our team has read it. If this is your first comment, check your email for a link to confirm your address.',
  },
  held_health: {
    title: 'Thank you. We have kept your comment private for now.',
    text: 'It may include personal health details, so a member of our team will read it before anything is published, and we have sent you an email. For questions about your own skin, a consultation is the safest place to ask.',
  },
  published: { title: 'Thank you: your comment is published.', text: '' },
  deleted: { title: 'Your comment was deleted.', text: '' },
  unsubscribed: { title: 'You will get no more emails about replies to your comment.', text: '' },
};

function NoticeBox({ notice }: { notice: CommentNotice }) {
  const { title, text } = NOTICE_TEXT[notice];
  return (
    <div className="comment-notice" role="status">
      <p>
        <strong>{title}</strong>
        {text !== '' && ` ${text}`}
      </p>
      {notice === 'held_health' && (
        <p>
          <a className="button button-secondary" href={links.bookConsultation}>
            Book a consultation
          </a>
        </p>
      )}
    </div>
  );
}

function countLabel(count: number): string {
  if (count === 0) return 'Comments';
  return count === 1 ? '1 comment' : `${count} comments`;
}

export function CommentSection(props: {
  articleSlug: string;
  commentsClosed: boolean;
  thread: CommentThread;
  notice?: CommentNotice;
  /** The ?replyto= value: a top-level comment id opens the form as a reply to it. */
  replyTo?: string | undefined;
  /** The clinic's IANA zone, for the dates. */
  timeZone?: string;
}) {
  const { articleSlug, commentsClosed, thread, notice } = props;
  const timeZone = props.timeZone ?? 'UTC';
  const replyingTo = thread.comments.find((comment) => comment.id === props.replyTo && !comment.deleted);
  return (
    <section id="comments" className="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">{countLabel(thread.count)}</h2>
      {notice !== undefined && <NoticeBox notice={notice} />}
      {thread.comments.length === 0 ? (
        <p className="comment-empty">
          {commentsClosed ? 'There are no comments.' : 'No comments yet. Ask the first question.'}
        </p>
      ) : (
        <ol
          className="comment-list"
          dangerouslySetInnerHTML={{
            __html: commentListHtml(thread.comments, { articleSlug, canReply: !commentsClosed, timeZone }),
          }}
        />
      )}
      {commentsClosed ? (
        <p className="comments-closed">Comments are closed.</p>
      ) : (
        <CommentForm
          articleSlug={articleSlug}
          formToken={thread.formToken}
          replyingTo={
            replyingTo === undefined
              ? undefined
              : { id: replyingTo.id, name: replyingTo.fromClinic?.staffName ?? replyingTo.authorName }
          }
        />
      )}
    </section>
  );
}

const EMPTY_VALUES: CommentFormValues = { name: '', email: '', website: '', body: '', parent: '', notify: false };

const FIELD_IDS: Record<CommentField, string> = {
  name: 'comment-name',
  email: 'comment-email',
  website: 'comment-website',
  body: 'comment-body',
  parent: 'comment-parent-note',
};

/** The "Leave a Reply" form; the error page shows it again with what was typed and a message per field. */
export function CommentForm({
  articleSlug,
  formToken,
  replyingTo,
  values = EMPTY_VALUES,
  errors = {},
}: {
  articleSlug: string;
  formToken: string | undefined;
  replyingTo?: { id: string; name: string } | undefined;
  values?: CommentFormValues;
  errors?: Partial<Record<CommentField, string>>;
}) {
  const parent = replyingTo?.id ?? values.parent;
  const errorEntries = (Object.keys(FIELD_IDS) as CommentField[]).flatMap((field) => {
    const message = errors[field];
    return message === undefined ? [] : [{ field, message }];
  });
  const described = (field: CommentField, hint?: string) => {
    const ids = [hint, errors[field] === undefined ? undefined : `${FIELD_IDS[field]}-error`].filter(Boolean);
    return ids.length === 0 ? undefined : ids.join(' ');
  };
  const fieldError = (field: CommentField) =>
    errors[field] === undefined ? null : (
      <p id={`${FIELD_IDS[field]}-error`} className="field-error">
        {errors[field]}
      </p>
    );
  return (
    <div id="reply" className="comment-form-wrap">
      <h2 id="reply-heading">{replyingTo === undefined ? 'Leave a Reply' : `Reply to ${replyingTo.name}`}</h2>
      {replyingTo !== undefined && (
        <p className="comment-replying">
          <a href={`/articles/${encodeURIComponent(articleSlug)}#reply`}>Cancel reply</a>
        </p>
      )}
      {errorEntries.length > 0 && (
        <div className="error-summary" role="alert" aria-labelledby="comment-error-heading">
          <h2 id="comment-error-heading">Please fix {errorEntries.length === 1 ? 'this' : 'these'} first</h2>
          <ul>
            {errorEntries.map(({ field, message }) => (
              <li key={field}>
                <a href={`#${FIELD_IDS[field]}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="comment-warning" id="comment-warning">
        <strong>Please don&apos;t post personal medical details here</strong> (dates of birth, phone numbers,
        medications, diagnoses); <a href={links.bookConsultation}>book a consultation</a> instead. Your email address is
        never shown.
      </p>
      {errors.parent !== undefined && (
        <p id={FIELD_IDS.parent} className="field-error">
          {errors.parent}
        </p>
      )}
      <form
        className="comment-form"
        method="post"
        action={`/articles/${encodeURIComponent(articleSlug)}/comments`}
        aria-labelledby="reply-heading"
        noValidate={errorEntries.length > 0}
      >
        <input type="hidden" name="parent" value={parent} />
        <input type="hidden" name="rendered_at" value={formToken ?? ''} />
        <div className="comment-field">
          <label htmlFor={FIELD_IDS.body}>Comment</label>
          {fieldError('body')}
          <textarea
            id={FIELD_IDS.body}
            name="body"
            rows={6}
            required
            minLength={COMMENT_LIMITS.bodyMin}
            maxLength={COMMENT_LIMITS.bodyMax}
            defaultValue={values.body}
            aria-invalid={errors.body === undefined ? undefined : true}
            aria-describedby={described('body', 'comment-warning')}
          />
        </div>
        <div className="comment-field-row">
          <div className="comment-field">
            <label htmlFor={FIELD_IDS.name}>Name</label>
            {fieldError('name')}
            <input
              id={FIELD_IDS.name}
              name="name"
              type="text"
              autoComplete="name"
              required
              maxLength={COMMENT_LIMITS.nameMax}
              defaultValue={values.name}
              aria-invalid={errors.name === undefined ? undefined : true}
              aria-describedby={described('name')}
            />
          </div>
          <div className="comment-field">
            <label htmlFor={FIELD_IDS.email}>
              Email <span className="comment-hint-inline">(never shown)</span>
            </label>
            {fieldError('email')}
            <input
              id={FIELD_IDS.email}
              name="email"
              type="email"
              autoComplete="email"
              required
              maxLength={COMMENT_LIMITS.emailMax}
              defaultValue={values.email}
              aria-invalid={errors.email === undefined ? undefined : true}
              aria-describedby={described('email')}
            />
          </div>
        </div>
        <div className="comment-field">
          <label htmlFor={FIELD_IDS.website}>
            Website <span className="comment-hint-inline">(optional)</span>
          </label>
          {fieldError('website')}
          <input
            id={FIELD_IDS.website}
            name="website"
            type="url"
            autoComplete="url"
            inputMode="url"
            maxLength={COMMENT_LIMITS.websiteMax}
            defaultValue={values.website}
            aria-invalid={errors.website === undefined ? undefined : true}
            aria-describedby={described('website')}
          />
        </div>
        {/* A field people never see: anything typed here was typed by a script. */}
        <div className="comment-hp" aria-hidden="true">
          <label htmlFor="comment-company-url">Company website (leave empty)</label>
          <input
            id="comment-company-url"
            name="company_url"
            type="text"
            tabIndex={-1}
            autoComplete="off"
            defaultValue=""
          />
        </div>
        <div className="comment-check">
          <input id="comment-notify" name="notify" type="checkbox" value="on" defaultChecked={values.notify} />
          <label htmlFor="comment-notify">Email me when someone replies to my comment</label>
        </div>
        <p className="comment-moderation-note">
          A first comment appears once our team has read it. We use your email only to confirm it is yours and to tell
          you about replies you ask for; every email we send has a link to delete your comment.
        </p>
        <button className="button button-primary" type="submit">
          {replyingTo === undefined ? 'Post comment' : 'Post reply'}
        </button>
      </form>
    </div>
  );
}
