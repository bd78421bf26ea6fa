// The pages of "Leave a Reply" that are not the article itself, all plain HTML
// that works without JavaScript:
// - POST /articles/:slug/comments: the form's target. Success answers 303 to the
//   article with a notice; a mistake shows the form again ("Your reply needs a
//   fix", 400); a closed thread 409, an article that is not public 404, a flood 429.
// - /comments/verify/:token, /comments/unsubscribe/:token, /comments/manage/:token:
//   the emailed links. GET only shows a page with a button (mail scanners open
//   links); POST acts. Tokens are in the path, so these routes log nothing at
//   info level and tell browsers not to send them on as a referrer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ReactElement, ReactNode } from 'react';
import { findPublicClinic, type PublicClinic } from '../../../db/repositories/clinics.ts';
import {
  findArticleBySlug,
  findAuthorComment,
  findCommentByManageTokenHash,
  type CommentArticle,
} from '../../../db/repositories/comments.ts';
import type { CommentField, CommentFormValues } from '../../../domain/comments/form.ts';
import { RateLimitedError } from '../../../domain/errors.ts';
import type { Config } from '../../../platform/config.ts';
import { sha256Hex } from '../../../platform/secrets.ts';
import {
  deleteOwnComment,
  postComment,
  unsubscribeFromReplies,
  verifyCommenter,
  type CommentServices,
} from '../../../server/features/comments/commands.ts';
import {
  commentKeys,
  readUnsubscribeToken,
  readVerifyToken,
  registerCommentKeys,
  signFormTimestamp,
} from '../../../server/features/comments/tokens.ts';
import { renderPage } from '../layout.tsx';
import { links, type PageMeta, type SiteContext } from '../site-context.ts';
import { CommentForm } from './comment-section.tsx';

const publicPage = { access: 'public' as const };
const hidden = { hide: true };
/** Token routes: no request lines at info level, so no token reaches the logs. */
const tokenRoute = { config: publicPage, schema: hidden, logLevel: 'warn' as const };

const UNSUBSCRIBE_ROUTE = '/comments/unsubscribe/:token';

/** The body RFC 8058 prescribes for a one-click unsubscribe: "List-Unsubscribe=One-Click". */
function isOneClickUnsubscribe(body: unknown): boolean {
  return (
    typeof body === 'object' && body !== null && (body as Record<string, unknown>)['List-Unsubscribe'] === 'One-Click'
  );
}

function articlePath(slug: string): string {
  return `/articles/${encodeURIComponent(slug)}`;
}

function Message({ eyebrow, title, children }: { eyebrow?: string; title: string; children: ReactNode }) {
  return (
    <div className="page-intro page-intro-plain comment-page">
      <div className="container narrow">
        {eyebrow !== undefined && <p className="eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        {children}
      </div>
    </div>
  );
}

function ConfirmButton({ action, label, danger = false }: { action: string; label: string; danger?: boolean }) {
  return (
    <form method="post" action={action} className="comment-confirm">
      <button className={`button ${danger ? 'button-danger' : 'button-primary'}`} type="submit">
        {label}
      </button>
    </form>
  );
}

export default async function commentPages(app: FastifyInstance, { config }: { config: Config }): Promise<void> {
  const keys = commentKeys(config.sessionSecret);
  registerCommentKeys(app.services.database.db, keys);
  const db = () => app.services.database.db;
  const services = (): CommentServices => ({
    database: app.services.database,
    mailer: app.services.mailer,
    config,
    keys,
  });

  // RFC 8058 lets a mail provider send its one-click POST as multipart/form-data.
  // Only the unsubscribe route takes it, and only to see "List-Unsubscribe=One-Click";
  // every other route here answers 415 as before.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 4096 }, (request, body, done) => {
    if (request.routeOptions.url !== UNSUBSCRIBE_ROUTE) {
      done(
        Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' }),
        undefined,
      );
      return;
    }
    const oneClick = /name="?List-Unsubscribe"?[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\nOne-Click\r?\n/.test(String(body));
    done(null, oneClick ? { 'List-Unsubscribe': 'One-Click' } : {});
  });

  async function site(): Promise<SiteContext & { clinic: PublicClinic | undefined }> {
    return {
      clinic: await findPublicClinic(db()),
      publicUrl: config.http.publicUrl,
      demo: config.demo.enabled,
      // Revalidated on each view: these pages are rare, the stylesheet is small.
      stylesheetHref: '/static/site.css',
    };
  }

  function send(reply: FastifyReply, status: number, context: SiteContext, meta: PageMeta, content: ReactElement) {
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(renderPage(context, { ...meta, noindex: true }, content));
  }

  function notAvailable(reply: FastifyReply, context: SiteContext) {
    return send(
      reply,
      404,
      context,
      { title: 'Article not found', description: 'This article is not available.', path: '/404' },
      <Message title="This article is not available">
        <p className="lead">
          The article you wanted to comment on does not exist or is no longer published, so your comment was not sent.
        </p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </Message>,
    );
  }

  function fixPage(
    reply: FastifyReply,
    context: SiteContext,
    article: CommentArticle,
    values: CommentFormValues,
    errors: Partial<Record<CommentField, string>>,
  ) {
    return send(
      reply,
      400,
      context,
      {
        title: 'Your reply needs a fix',
        description: 'Something in your comment needs a change.',
        path: articlePath(article.slug),
      },
      <Message eyebrow={article.title} title="Your reply needs a fix">
        <p className="lead">
          Your comment was not sent yet. Change what is marked below and post it again. Nothing you typed is lost.
        </p>
        <CommentForm
          articleSlug={article.slug}
          formToken={signFormTimestamp(keys, article.id, new Date())}
          values={values}
          errors={errors}
        />
        <p>
          <a href={`${articlePath(article.slug)}#comments`}>Back to the article</a>
        </p>
      </Message>,
    );
  }

  app.post<{ Params: { slug: string } }>(
    '/articles/:slug/comments',
    { config: publicPage, schema: hidden },
    async (request, reply) => {
      const context = await site();
      const clinic = context.clinic;
      const article = clinic === undefined ? undefined : await findArticleBySlug(db(), clinic.id, request.params.slug);
      if (clinic === undefined || article === undefined || !article.isPublic) return notAvailable(reply, context);
      if (article.commentsClosed) {
        return send(
          reply,
          409,
          context,
          {
            title: 'Comments are closed',
            description: 'This article takes no new comments.',
            path: articlePath(article.slug),
          },
          <Message eyebrow={article.title} title="Comments are closed">
            <p className="lead">
              This article no longer takes new comments, so yours was not posted. If you have a question about your own
              treatment, please book a consultation.
            </p>
            <p className="actions">
              <a className="button button-primary" href={links.bookConsultation}>
                Book a consultation
              </a>
              <a className="button button-secondary" href={articlePath(article.slug)}>
                Back to the article
              </a>
            </p>
          </Message>,
        );
      }
      const fields =
        typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
      try {
        const outcome = await postComment(services(), {
          clinic: { id: clinic.id, name: clinic.name },
          article,
          fields,
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
          now: new Date(),
        });
        if (outcome.kind === 'invalid') return fixPage(reply, context, article, outcome.values, outcome.errors);
        return reply.redirect(`${articlePath(article.slug)}?comment=${outcome.notice}#comments`, 303);
      } catch (error) {
        if (!(error instanceof RateLimitedError)) throw error;
        void reply.header('retry-after', String(error.retryAfterSeconds));
        const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
        return send(
          reply,
          429,
          context,
          {
            title: 'Please wait a moment',
            description: 'Too many comments in a short time.',
            path: articlePath(article.slug),
          },
          <Message eyebrow={article.title} title="Please wait a moment">
            <p className="lead">
              Several comments were sent from here in a short time, so this one was not posted. Please try again in{' '}
              {minutes === 1 ? 'a minute' : `${minutes} minutes`}.
            </p>
            <p>
              <a href={`${articlePath(article.slug)}#comments`}>Back to the article</a>
            </p>
          </Message>,
        );
      }
    },
  );

  function linkExpired(reply: FastifyReply, context: SiteContext) {
    return send(
      reply,
      404,
      context,
      { title: 'This link does not work', description: 'The link is not valid any more.', path: '/404' },
      <Message title="This link does not work any more">
        <p className="lead">
          It may have been used already, or a newer email replaced it. Use the link in the most recent email we sent you
          about your comment.
        </p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </Message>,
    );
  }

  /** The comment a verification token came with, while it exists, in this site's clinic. */
  async function verifiable(token: string, context: SiteContext) {
    const commentId = readVerifyToken(keys, token, new Date());
    const comment = commentId === undefined ? undefined : await findAuthorComment(db(), commentId);
    if (comment === undefined || comment.authorEmail === null || comment.clinicId !== context.clinic?.id) {
      return undefined;
    }
    return comment;
  }

  // Confirming a commenter's email address.
  app.get<{ Params: { token: string } }>('/comments/verify/:token', tokenRoute, async (request, reply) => {
    const context = await site();
    const comment = await verifiable(request.params.token, context);
    if (comment === undefined) return linkExpired(reply, context);
    return send(
      reply,
      200,
      context,
      {
        title: 'Confirm your email address',
        description: 'Confirm the address you commented with.',
        path: '/comments/verify',
      },
      <Message title="Confirm your email address">
        <p className="lead">
          Confirm that the address you gave with your comment is yours. Once a comment of yours has been approved, your
          next comments can appear without waiting.
        </p>
        <ConfirmButton action={`/comments/verify/${request.params.token}`} label="Confirm my email address" />
      </Message>,
    );
  });

  app.post<{ Params: { token: string } }>('/comments/verify/:token', tokenRoute, async (request, reply) => {
    const context = await site();
    const comment = await verifiable(request.params.token, context);
    if (comment?.authorEmail == null) return linkExpired(reply, context);
    await verifyCommenter(db(), comment.clinicId, comment.authorEmail);
    return send(
      reply,
      200,
      context,
      { title: 'Email address confirmed', description: 'Your email address is confirmed.', path: '/comments/verify' },
      <Message title="Thank you: your email address is confirmed">
        <p className="lead">
          Your comment still waits for our team to read it. After that, your next comments can appear straight away.
        </p>
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </Message>,
    );
  });

  // Stopping reply emails: one click on the page, or the mail program's own
  // button (List-Unsubscribe-Post). Mail providers post from their servers with
  // no Origin or Referer and no cookie; the origin check lets such a POST through
  // (a foreign Origin is still refused), and this route does nothing but stop
  // the reply emails of the one comment its signed token names.
  app.get<{ Params: { token: string } }>(UNSUBSCRIBE_ROUTE, tokenRoute, async (request, reply) => {
    const context = await site();
    const commentId = readUnsubscribeToken(keys, request.params.token);
    const comment = commentId === undefined ? undefined : await findAuthorComment(db(), commentId);
    if (comment === undefined || comment.clinicId !== context.clinic?.id) return linkExpired(reply, context);
    return send(
      reply,
      200,
      context,
      {
        title: 'Stop emails about replies',
        description: 'Stop emails about replies to your comment.',
        path: '/comments/unsubscribe',
      },
      <Message eyebrow={comment.articleTitle} title="Stop emails about replies?">
        <p className="lead">
          You will get no more emails when someone replies to your comment on “{comment.articleTitle}”. Your comment
          stays as it is.
        </p>
        <ConfirmButton action={`/comments/unsubscribe/${request.params.token}`} label="Stop these emails" />
      </Message>,
    );
  });

  app.post<{ Params: { token: string } }>(UNSUBSCRIBE_ROUTE, tokenRoute, async (request, reply) => {
    const context = await site();
    const commentId = readUnsubscribeToken(keys, request.params.token);
    const comment = commentId === undefined ? undefined : await findAuthorComment(db(), commentId);
    if (comment === undefined || comment.clinicId !== context.clinic?.id) return linkExpired(reply, context);
    await unsubscribeFromReplies(db(), comment.id);
    // A mail program's one-click POST (RFC 8058) gets its answer here, not a redirect to follow.
    if (comment.articleIsPublic && !isOneClickUnsubscribe(request.body)) {
      return reply.redirect(`${articlePath(comment.articleSlug)}?comment=unsubscribed#comments`, 303);
    }
    return send(
      reply,
      200,
      context,
      { title: 'Unsubscribed', description: 'No more emails about replies.', path: '/comments/unsubscribe' },
      <Message title="You will get no more emails about replies">
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </Message>,
    );
  });

  // Deleting one's own comment, from the link in our emails.
  app.get<{ Params: { token: string } }>('/comments/manage/:token', tokenRoute, async (request, reply) => {
    const context = await site();
    const comment = await findCommentByManageTokenHash(db(), sha256Hex(request.params.token));
    if (comment === undefined || comment.clinicId !== context.clinic?.id) return linkExpired(reply, context);
    const excerpt = comment.body.length > 280 ? `${comment.body.slice(0, 277)}…` : comment.body;
    return send(
      reply,
      200,
      context,
      { title: 'Your comment', description: 'Delete your comment.', path: '/comments/manage' },
      <Message eyebrow={comment.articleTitle} title="Your comment">
        <blockquote className="comment-quote">{excerpt}</blockquote>
        <p className="lead">
          Deleting removes your comment, your name and your email address for good. Replies to it stay, under a note
          that the comment was deleted.
        </p>
        <ConfirmButton action={`/comments/manage/${request.params.token}`} label="Delete my comment" danger />
      </Message>,
    );
  });

  app.post<{ Params: { token: string } }>('/comments/manage/:token', tokenRoute, async (request, reply) => {
    const context = await site();
    const comment = await findCommentByManageTokenHash(db(), sha256Hex(request.params.token));
    if (comment === undefined || comment.clinicId !== context.clinic?.id) return linkExpired(reply, context);
    await deleteOwnComment(db(), comment);
    if (comment.articleIsPublic) {
      return reply.redirect(`${articlePath(comment.articleSlug)}?comment=deleted#comments`, 303);
    }
    return send(
      reply,
      200,
      context,
      { title: 'Comment deleted', description: 'Your comment was deleted.', path: '/comments/manage' },
      <Message title="Your comment was deleted">
        <p>
          <a href="/">Go to the home page</a>
        </p>
      </Message>,
    );
  });
}
