// The article lists: all articles, one category, one tag, one author, and the
// search results. Each is a plain list of cards with page links, so every
// article is two clicks from the home page without any script.
import type { ReactNode } from 'react';
import type {
  PublicArticleSummary,
  PublicAuthor,
  PublicCategory,
  SearchHit,
} from '../../../db/repositories/articles-public.ts';
import { HIGHLIGHT_END, HIGHLIGHT_START, SEARCH_MAX_LENGTH } from '../../../db/repositories/articles-public.ts';
import { NextStepBand } from '../components.tsx';
import { ArticleCard, ArticleGrid, Pagination } from './article-components.tsx';
import { authorInitials, authorWithCredentials } from './article-words.ts';

export interface Paging {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}

function SearchForm({ query = '', id }: { query?: string; id: string }) {
  return (
    <form className="article-search" action="/search" method="get" role="search">
      <label htmlFor={id}>Search the articles</label>
      <div className="article-search-row">
        <input
          id={id}
          type="search"
          name="q"
          defaultValue={query}
          maxLength={SEARCH_MAX_LENGTH}
          placeholder="e.g. aftercare"
        />
        <button className="button button-primary" type="submit">
          Search
        </button>
      </div>
    </form>
  );
}

function CategoryLinks({ categories, current }: { categories: readonly PublicCategory[]; current?: string }) {
  const shown = categories.filter((category) => category.articleCount > 0);
  if (shown.length === 0) return null;
  return (
    <nav className="category-nav" aria-label="Article categories">
      <ul role="list">
        <li>
          <a href="/articles" aria-current={current === undefined ? 'page' : undefined}>
            All articles
          </a>
        </li>
        {shown.map((category) => (
          <li key={category.slug}>
            <a
              href={`/articles/category/${category.slug}`}
              aria-current={current === category.slug ? 'page' : undefined}
            >
              {category.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function ListIntro({
  eyebrow,
  title,
  breadcrumb,
  children,
}: {
  eyebrow?: string;
  title: string;
  breadcrumb?: boolean;
  children: ReactNode;
}) {
  return (
    <div className="page-intro">
      <div className="container narrow">
        {breadcrumb === true && (
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <a href="/articles">Articles</a>
              </li>
            </ol>
          </nav>
        )}
        {eyebrow !== undefined && <p className="eyebrow">{eyebrow}</p>}
        <h1>{title}</h1>
        <div className="lead">{children}</div>
      </div>
    </div>
  );
}

function ArticleListBody({
  articles,
  timeZone,
  paging,
  empty,
}: {
  articles: readonly PublicArticleSummary[];
  timeZone: string;
  paging: Paging;
  empty: string;
}) {
  return articles.length === 0 ? (
    <p className="card empty-note">{empty}</p>
  ) : (
    <>
      <ArticleGrid articles={articles} timeZone={timeZone} />
      <Pagination {...paging} />
    </>
  );
}

/** /articles, and /articles/category/:slug when `category` is given. */
export function ArticleIndexPage({
  articles,
  categories,
  category,
  timeZone,
  paging,
}: {
  articles: readonly PublicArticleSummary[];
  categories: readonly PublicCategory[];
  category?: PublicCategory;
  timeZone: string;
  paging: Paging;
}) {
  return (
    <>
      {category === undefined ? (
        <ListIntro eyebrow="Articles" title="Articles about micro-needling">
          <p>
            Written by our practitioners in plain language: what the treatment is, what it can and cannot do, and how to
            look after your skin. Each article lists the studies behind it.
          </p>
        </ListIntro>
      ) : (
        <ListIntro title={category.name} breadcrumb>
          <p>{category.description}</p>
        </ListIntro>
      )}
      <section className="section" aria-label="Article list">
        <div className="container">
          <div className="article-list-tools">
            <CategoryLinks categories={categories} current={category?.slug} />
            <SearchForm id="article-search-input" />
          </div>
          <ArticleListBody
            articles={articles}
            timeZone={timeZone}
            paging={paging}
            empty="No articles have been published here yet."
          />
        </div>
      </section>
    </>
  );
}

export function TagPage({
  tag,
  articles,
  timeZone,
  paging,
}: {
  tag: string;
  articles: readonly PublicArticleSummary[];
  timeZone: string;
  paging: Paging;
}) {
  return (
    <>
      <ListIntro eyebrow="Tag" title={`Articles about “${tag}”`} breadcrumb>
        <p>Every article tagged “{tag}”, newest first.</p>
      </ListIntro>
      <section className="section" aria-label="Article list">
        <div className="container">
          <ArticleListBody articles={articles} timeZone={timeZone} paging={paging} empty="No articles yet." />
        </div>
      </section>
    </>
  );
}

export function AuthorPage({
  author,
  articles,
  timeZone,
  paging,
}: {
  author: PublicAuthor;
  articles: readonly PublicArticleSummary[];
  timeZone: string;
  paging: Paging;
}) {
  const name = authorWithCredentials(author.name, author.credentials);
  return (
    <>
      <div className="page-intro">
        <div className="container narrow">
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <ol>
              <li>
                <a href="/about">About us</a>
              </li>
            </ol>
          </nav>
          <div className="author-intro">
            <span className="avatar avatar-large" aria-hidden="true">
              {authorInitials(author.name)}
            </span>
            <div>
              <h1>{name}</h1>
              <p className="person-title">{author.jobTitle}</p>
            </div>
          </div>
          <p className="lead">{author.bio}</p>
        </div>
      </div>
      <section className="section" aria-labelledby="author-articles-title">
        <div className="container">
          <div className="section-head">
            <h2 id="author-articles-title">Articles by {author.name}</h2>
          </div>
          <ArticleListBody
            articles={articles}
            timeZone={timeZone}
            paging={paging}
            empty={`${author.name} has not published an article yet.`}
          />
        </div>
      </section>
      <NextStepBand headingId="next-step-title" title="Talk to our team">
        A consultation covers your skin, your health and your goals, and ends with a written plan.
      </NextStepBand>
    </>
  );
}

/** A search passage with its matches marked; the text itself is always escaped by React. */
function Highlighted({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let rest = text;
  let key = 0;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push(rest);
      break;
    }
    if (start > 0) parts.push(rest.slice(0, start));
    const end = rest.indexOf(HIGHLIGHT_END, start);
    const stop = end === -1 ? rest.length : end;
    parts.push(<mark key={key++}>{rest.slice(start + 1, stop)}</mark>);
    rest = rest.slice(stop + 1);
  }
  return <>… {parts} …</>;
}

export function SearchPage({
  query,
  hits,
  total,
  categories,
  timeZone,
  paging,
}: {
  query: string;
  hits: readonly SearchHit[];
  total: number;
  categories: readonly PublicCategory[];
  timeZone: string;
  paging: Paging;
}) {
  return (
    <>
      <ListIntro eyebrow="Search" title={query === '' ? 'Search the articles' : `Results for “${query}”`}>
        <p>
          {query === ''
            ? 'Look for a word or a phrase in our articles, such as “aftercare” or “acne scars”.'
            : total === 0
              ? 'No article matches those words. Try fewer or more general words, or browse by category.'
              : `${total} ${total === 1 ? 'article matches' : 'articles match'}.`}
        </p>
      </ListIntro>
      <section className="section" aria-label="Search results">
        <div className="container">
          <div className="article-list-tools">
            <SearchForm id="search-page-input" query={query} />
          </div>
          {hits.length > 0 && (
            <>
              <ul className="card-grid article-grid article-results" role="list">
                {hits.map((hit) => (
                  <ArticleCard
                    key={hit.id}
                    article={hit}
                    timeZone={timeZone}
                    excerpt={hit.headline === '' ? undefined : <Highlighted text={hit.headline} />}
                  />
                ))}
              </ul>
              <Pagination {...paging} />
            </>
          )}
          {hits.length === 0 && <CategoryLinks categories={categories} current="" />}
        </div>
      </section>
    </>
  );
}
