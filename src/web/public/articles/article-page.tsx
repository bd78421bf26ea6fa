// One article: title, author and dates, a table of contents for longer pieces,
// the body (sanitized HTML rendered when it was saved), the treatments it
// relates to with this clinic's prices, the next step, and the comments.
import { createHash } from 'node:crypto';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PublicArticle } from '../../../db/repositories/articles-public.ts';
import type { TocEntry } from '../../../domain/articles/render.ts';
import { CommentSection, type CommentNotice, type CommentThread } from '../comments/comment-section.tsx';
import { ConcernCard, NextStepBand, ServiceMenu } from '../components.tsx';
import { clinicName, type SiteContext } from '../site-context.ts';
import { Byline } from './article-components.tsx';
import { authorInitials, authorWithCredentials, concernPagesFor, tagPath } from './article-words.ts';

/** Shorter articles read fine without one. */
const TOC_MIN_HEADINGS = 3;

/** Rendered article content by a digest of everything it shows; the oldest go first. */
const renderedContent = new Map<string, string>();
const RENDERED_CONTENT_LIMIT = 64;

/**
 * Everything above the comments, as HTML. It only changes when the article, its
 * related prices, the clinic's name or time zone do, and all of those are in the
 * cache key, so a cached copy is never stale: it just spares re-rendering the
 * same markup on every view of a busy article.
 */
function articleContentHtml(site: SiteContext, article: PublicArticle, timeZone: string): string {
  // The comments are not part of it.
  const { commentsVersion: _comments, ...content } = article;
  const key = createHash('sha256')
    .update(JSON.stringify([clinicName(site), timeZone, content]))
    .digest('base64');
  let html = renderedContent.get(key);
  if (html === undefined) {
    html = renderToStaticMarkup(<ArticleContent site={site} article={article} timeZone={timeZone} />);
    renderedContent.set(key, html);
    if (renderedContent.size > RENDERED_CONTENT_LIMIT) {
      renderedContent.delete(renderedContent.keys().next().value as string);
    }
  }
  return html;
}

export function ArticlePage({
  site,
  article,
  timeZone,
  thread,
  notice,
  replyTo,
}: {
  site: SiteContext;
  article: PublicArticle;
  timeZone: string;
  thread: CommentThread;
  notice: CommentNotice | undefined;
  /** ?replyto=<comment id>: the form answers that comment (works without JavaScript). */
  replyTo?: string | undefined;
}) {
  return (
    <>
      <div className="article-page" dangerouslySetInnerHTML={{ __html: articleContentHtml(site, article, timeZone) }} />
      <div className="article-comments">
        <div className="container">
          <CommentSection
            articleSlug={article.slug}
            commentsClosed={article.commentsClosed}
            thread={thread}
            notice={notice}
            replyTo={replyTo}
            timeZone={timeZone}
          />
        </div>
      </div>
    </>
  );
}

function ArticleContent({ site, article, timeZone }: { site: SiteContext; article: PublicArticle; timeZone: string }) {
  const showToc = article.toc.length >= TOC_MIN_HEADINGS;
  return (
    <>
      <article className="article" aria-labelledby="article-title">
        <header className="page-intro article-intro">
          <div className="container narrow">
            <nav aria-label="Breadcrumb" className="breadcrumb">
              <ol>
                <li>
                  <a href="/articles">Articles</a>
                </li>
                {article.category !== null && (
                  <li>
                    <a href={`/articles/category/${article.category.slug}`}>{article.category.name}</a>
                  </li>
                )}
              </ol>
            </nav>
            <h1 id="article-title">{article.title}</h1>
            <p className="lead">{article.summary}</p>
            <Byline
              author={article.author}
              published={article.publishAt}
              updated={article.updatedAt}
              minutes={article.readingMinutes}
              timeZone={timeZone}
            />
          </div>
        </header>

        <div className={`container article-layout${showToc ? ' article-layout-toc' : ''}`}>
          {showToc && <TableOfContents entries={article.toc} />}
          <div className="article-main">
            {showToc && <TableOfContentsInline entries={article.toc} />}
            <div className="prose article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
            <footer className="article-footer">
              {article.tags.length > 0 && (
                <div className="article-tags">
                  <p className="article-tags-label">Tags</p>
                  <ul className="tag-list" role="list">
                    {article.tags.map((tag) => (
                      <li key={tag}>
                        <a className="tag" href={tagPath(tag)}>
                          {tag}
                        </a>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
              <AboutTheAuthor article={article} />
            </footer>
          </div>
        </div>
      </article>

      <RelatedTreatments site={site} article={article} />

      <NextStepBand headingId="next-step-title" title="Wondering whether it suits your skin?">
        Answer a few questions for an explained answer and a draft plan, or talk it through with a practitioner at a
        consultation.
      </NextStepBand>
    </>
  );
}

function TocLinks({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <ol className="toc-list">
      {entries.map((entry) => (
        <li key={entry.id} className={entry.level === 3 ? 'toc-sub' : undefined}>
          <a href={`#${entry.id}`}>{entry.text}</a>
        </li>
      ))}
    </ol>
  );
}

/** Beside the article on wide screens, and stays in view while reading. */
function TableOfContents({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <nav className="article-toc" aria-labelledby="toc-title">
      <h2 id="toc-title" className="toc-title">
        On this page
      </h2>
      <TocLinks entries={entries} />
    </nav>
  );
}

/** Above the article on phones, folded so that the text comes first. */
function TableOfContentsInline({ entries }: { entries: readonly TocEntry[] }) {
  return (
    <details className="article-toc-inline">
      <summary>On this page</summary>
      <TocLinks entries={entries} />
    </details>
  );
}

function AboutTheAuthor({ article }: { article: PublicArticle }) {
  const { author } = article;
  if (author.slug === null || article.authorBio === null) return null;
  const name = authorWithCredentials(author.name, author.credentials);
  return (
    <section className="card person-card author-card" aria-labelledby="author-title">
      <span className="avatar" aria-hidden="true">
        {authorInitials(author.name)}
      </span>
      <div>
        <h2 id="author-title" className="card-title">
          About the author: {name}
        </h2>
        {author.jobTitle !== null && <p className="person-title">{author.jobTitle}</p>}
        <p>{article.authorBio}</p>
        <p>
          <a className="text-link" href={`/authors/${author.slug}`}>
            More articles by {author.name}
          </a>
        </p>
      </div>
    </section>
  );
}

function RelatedTreatments({ site, article }: { site: SiteContext; article: PublicArticle }) {
  const pages = concernPagesFor(article.relatedConcerns);
  const services = article.relatedServices;
  if (pages.length === 0 && services.length === 0) return null;
  return (
    <section className="section section-tinted" aria-labelledby="related-title">
      <div className="container">
        <div className="section-head">
          <h2 id="related-title">Related treatments</h2>
          <p>
            {pages.length === 0
              ? 'The treatments this article is about, and what they cost here.'
              : services.length === 0
                ? 'What micro-needling can do for the concerns in this article.'
                : 'What micro-needling can do for the concerns in this article, and what it costs here.'}
          </p>
        </div>
        {pages.length > 0 && (
          <ul className="card-grid" role="list">
            {pages.map((concern) => (
              <ConcernCard key={concern.slug} concern={concern} />
            ))}
          </ul>
        )}
        {services.length > 0 && (
          <>
            <h3 className="related-prices-title">Prices at {clinicName(site)}</h3>
            <ServiceMenu services={services} />
          </>
        )}
      </div>
    </section>
  );
}
