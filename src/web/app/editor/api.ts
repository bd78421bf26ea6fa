// The article editor's endpoints, one function each. The shapes are the server's
// own contract (src/domain/contracts/article-editor.ts), so a renamed field
// breaks the type check here rather than an editor's morning.
//
//   GET/POST       /api/v1/articles                 list (?state=) / new draft
//   GET/PUT/DELETE /api/v1/articles/:id             read / save (If-Match) / delete
//   POST           /api/v1/articles/:id/publish     { publishAt? }; /unpublish
//   GET            /api/v1/articles/:id/revisions[/:version]
//   POST           /api/v1/articles/preview         { bodyMarkdown } -> html
//   POST           /api/v1/images?alt=              the file itself as the body
//   GET            /api/v1/article-categories, /api/v1/article-services, /api/v1/authors
//   PUT            /api/v1/authors/me
import { z } from 'zod';
import { ApiError, requestJson } from '../api/fetch-json.ts';
import {
  articleListSchema,
  articleSchema,
  authorListSchema,
  authorSchema,
  categoryListSchema,
  previewSchema,
  relatedServiceListSchema,
  revisionListSchema,
  revisionSchema,
  siteImageSchema,
  type ArticleState,
  type AuthorProfileRequest,
  type CreateArticleRequest,
  type SiteImage,
  type UpdateArticleRequest,
} from '../../../domain/contracts/article-editor.ts';

export type {
  Article,
  ArticleListItem,
  ArticleState,
  Author,
  Category,
  Preview,
  RelatedService,
  Revision,
  RevisionListItem,
  SiteImage,
  TocEntry,
} from '../../../domain/contracts/article-editor.ts';
export { ARTICLE_LIMITS, AUTHOR_LIMITS, IMAGE_LIMITS, utf8Length } from '../../../domain/contracts/article-editor.ts';

const ARTICLES = '/api/v1/articles';
const articleUrl = (id: string) => `${ARTICLES}/${encodeURIComponent(id)}`;

/** The editor's list: current articles (drafts and published), or those in one state. */
export function articleListUrl(state: ArticleState | undefined): string {
  return state === undefined ? ARTICLES : `${ARTICLES}?state=${state}`;
}

export { articleListSchema };

export const articlesApi = {
  get: (id: string, signal?: AbortSignal) => requestJson(articleUrl(id), articleSchema, { signal }),

  create: (body: CreateArticleRequest) => requestJson(ARTICLES, articleSchema, { method: 'POST', body }),

  /** Saves over `version`; a 412 version_conflict means someone else saved first. */
  save: (id: string, version: number, changes: Omit<UpdateArticleRequest, 'version'>) =>
    requestJson(articleUrl(id), articleSchema, { method: 'PUT', body: { ...changes, version } }),

  publish: (id: string, publishAt?: string) =>
    requestJson(`${articleUrl(id)}/publish`, articleSchema, {
      method: 'POST',
      body: publishAt === undefined ? {} : { publishAt },
    }),

  unpublish: (id: string) => requestJson(`${articleUrl(id)}/unpublish`, articleSchema, { method: 'POST' }),

  remove: (id: string) => requestJson(articleUrl(id), undefined, { method: 'DELETE' }),

  revisions: (id: string, signal?: AbortSignal) =>
    requestJson(`${articleUrl(id)}/revisions`, revisionListSchema, { signal }),

  revision: (id: string, version: number, signal?: AbortSignal) =>
    requestJson(`${articleUrl(id)}/revisions/${version}`, revisionSchema, { signal }),

  preview: (bodyMarkdown: string, signal?: AbortSignal) =>
    requestJson(`${ARTICLES}/preview`, previewSchema, { method: 'POST', body: { bodyMarkdown }, signal }),

  categories: (signal?: AbortSignal) => requestJson('/api/v1/article-categories', categoryListSchema, { signal }),

  services: (signal?: AbortSignal) => requestJson('/api/v1/article-services', relatedServiceListSchema, { signal }),

  authors: (signal?: AbortSignal) => requestJson('/api/v1/authors', authorListSchema, { signal }),

  saveProfile: (body: AuthorProfileRequest) => requestJson('/api/v1/authors/me', authorSchema, { method: 'PUT', body }),
};

const problemBody = z.object({ code: z.string().optional(), detail: z.string().optional() });

/**
 * Uploads a picture: the file itself is the body, so it goes without the JSON
 * wrapper. The CSRF token comes from the session, as requestJson's does.
 */
export async function uploadImage(file: File, alt: string, csrfToken: string): Promise<SiteImage> {
  let response: Response;
  try {
    response = await fetch(`/api/v1/images?alt=${encodeURIComponent(alt)}`, {
      method: 'POST',
      headers: {
        accept: 'application/json',
        'content-type': file.type || 'application/octet-stream',
        'x-csrf-token': csrfToken,
      },
      credentials: 'same-origin',
      body: file,
    });
  } catch {
    throw new ApiError(0, 'network', 'We could not reach the clinic’s server. Check your connection and try again.');
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const problem = problemBody.safeParse(json);
    const detail = problem.success ? problem.data.detail : undefined;
    throw new ApiError(
      response.status,
      (problem.success ? problem.data.code : undefined) ?? `http_${response.status}`,
      detail ?? (response.status === 413 ? 'The picture is too large.' : `The server answered ${response.status}.`),
    );
  }
  const parsed = siteImageSchema.safeParse(json);
  if (!parsed.success) {
    throw new ApiError(
      response.status,
      'unexpected_answer',
      'The server sent an answer this page does not understand.',
    );
  }
  return parsed.data;
}
