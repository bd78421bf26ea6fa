// Repository rows as the editor API presents them (src/domain/contracts/article-editor.ts).
import { z } from 'zod';
import {
  articlePath,
  tocEntrySchema,
  type Article,
  type ArticleListItem,
  type Author,
  type Revision,
  type RevisionListItem,
} from '../../../domain/contracts/article-editor.ts';
import { CONCERN_IDS, type ConcernId } from '../../../domain/clinical/vocabulary.ts';
import type { ArticleListRow, ArticleRecord, AuthorRow, RevisionRow } from '../../../db/repositories/articles.ts';

const tocSchema = z.array(tocEntrySchema);
const concernIds: ReadonlySet<string> = new Set(CONCERN_IDS);

export function presentListItem(row: ArticleListRow): ArticleListItem {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    state: row.state,
    publishAt: row.publishAt?.toISOString() ?? null,
    version: row.version,
    author: { userId: row.authorId, displayName: row.authorName },
    category:
      row.categoryId === null || row.categoryName === null ? null : { id: row.categoryId, name: row.categoryName },
    tags: row.tags,
    url: articlePath(row.slug),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentArticle(record: ArticleRecord): Article {
  const toc = tocSchema.safeParse(record.toc);
  return {
    ...presentListItem(record),
    bodyMarkdown: record.bodyMarkdown,
    bodyHtml: record.bodyHtml,
    toc: toc.success ? toc.data : [],
    readingMinutes: record.readingMinutes,
    categoryId: record.categoryId,
    relatedConcerns: record.relatedConcerns.filter((id): id is ConcernId => concernIds.has(id)),
    relatedServices: record.relatedServices,
    commentsClosed: record.commentsClosed,
  };
}

export function presentRevisionItem(row: Omit<RevisionRow, 'summary' | 'bodyMarkdown'>): RevisionListItem {
  return {
    version: row.version,
    title: row.title,
    editedBy: { userId: row.editedBy, displayName: row.editorName },
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentRevision(row: RevisionRow): Revision {
  return { ...presentRevisionItem(row), summary: row.summary, bodyMarkdown: row.bodyMarkdown };
}

export function presentAuthor(row: AuthorRow): Author {
  return row;
}
