// Building blocks of the article pages: cards for lists, the byline, the
// "page 2 of 3" navigation, and the "Latest articles" strip of the home page.
import type { ReactNode } from 'react';
import type { ArticleAuthorRef, PublicArticleSummary } from '../../../db/repositories/articles-public.ts';
import { authorInitials, authorWithCredentials, formatArticleDate, readingTime } from './article-words.ts';

export function ArticleDate({ instant, timeZone }: { instant: Date; timeZone: string }) {
  return <time dateTime={instant.toISOString()}>{formatArticleDate(instant, timeZone)}</time>;
}

/** One article in a list; the whole card is a link, the title its accessible name. */
export function ArticleCard({
  article,
  timeZone,
  headingLevel = 2,
  excerpt,
}: {
  article: PublicArticleSummary;
  timeZone: string;
  headingLevel?: 2 | 3;
  /** Replaces the summary (search results show the matching passage). */
  excerpt?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className="card article-card">
      {article.category !== null && <p className="article-card-category">{article.category.name}</p>}
      <Heading className="card-title article-card-title">
        <a className="card-link" href={`/articles/${article.slug}`}>
          {article.title}
        </a>
      </Heading>
      <p className="article-card-summary">{excerpt ?? article.summary}</p>
      <p className="article-card-meta">
        <span>{article.author.name}</span>
        <span aria-hidden="true"> · </span>
        <ArticleDate instant={article.publishAt} timeZone={timeZone} />
        <span aria-hidden="true"> · </span>
        <span>{readingTime(article.readingMinutes)}</span>
      </p>
    </li>
  );
}

export function ArticleGrid({
  articles,
  timeZone,
  headingLevel,
}: {
  articles: readonly PublicArticleSummary[];
  timeZone: string;
  headingLevel?: 2 | 3;
}) {
  return (
    <ul className="card-grid article-grid" role="list">
      {articles.map((article) => (
        <ArticleCard key={article.id} article={article} timeZone={timeZone} headingLevel={headingLevel} />
      ))}
    </ul>
  );
}

/** Who wrote it, when, and how long it takes to read. */
export function Byline({
  author,
  published,
  updated,
  minutes,
  timeZone,
}: {
  author: ArticleAuthorRef;
  published: Date;
  updated: Date;
  minutes: number;
  timeZone: string;
}) {
  const name = authorWithCredentials(author.name, author.credentials);
  const updatedLater = formatArticleDate(updated, timeZone) !== formatArticleDate(published, timeZone);
  return (
    <div className="byline">
      <span className="avatar" aria-hidden="true">
        {authorInitials(author.name)}
      </span>
      <div>
        <p className="byline-author">
          By {author.slug !== null ? <a href={`/authors/${author.slug}`}>{name}</a> : <strong>{name}</strong>}
          {author.jobTitle !== null && <span className="byline-title">{author.jobTitle}</span>}
        </p>
        <p className="byline-meta">
          <span>
            Published <ArticleDate instant={published} timeZone={timeZone} />
          </span>
          {updatedLater && (
            <span>
              Updated <ArticleDate instant={updated} timeZone={timeZone} />
            </span>
          )}
          <span>{readingTime(minutes)}</span>
        </p>
      </div>
    </div>
  );
}

/** Previous and next page links for a paginated list, with where the reader is. */
export function Pagination({
  page,
  pageCount,
  hrefFor,
}: {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pagination" aria-label="Pages">
      {page > 1 ? (
        <a className="button button-secondary" href={hrefFor(page - 1)} rel="prev">
          ← Newer<span className="visually-hidden"> articles</span>
        </a>
      ) : (
        <span />
      )}
      <p className="pagination-status">
        Page {page} of {pageCount}
      </p>
      {page < pageCount ? (
        <a className="button button-secondary" href={hrefFor(page + 1)} rel="next">
          Older<span className="visually-hidden"> articles</span> →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The home page's strip of the newest articles; nothing at all when there are none. */
export function LatestArticles({
  articles,
  timeZone,
}: {
  articles: readonly PublicArticleSummary[];
  timeZone: string;
}) {
  if (articles.length === 0) return null;
  return (
    <section className="section" aria-labelledby="latest-articles-title">
      <div className="container">
        <div className="section-head section-head-row">
          <div>
            <h2 id="latest-articles-title">Latest articles</h2>
            <p>Plain-language guides from our practitioners, with the studies behind them.</p>
          </div>
          <a className="text-link" href="/articles">
            All articles
          </a>
        </div>
        <ArticleGrid articles={articles} timeZone={timeZone} headingLevel={3} />
      </div>
    </section>
  );
}
