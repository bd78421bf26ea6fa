// The public thread of an article: approved comments, replies nested under
// their top-level comment, deleted comments with replies kept as placeholders,
// answers from the clinic with the staff member's name and job title. One
// query whatever the size: the comments with the staff who answered.
import type { Db } from '../../../db/database.ts';
import { listThreadRows, type ThreadRow } from '../../../db/repositories/comments.ts';

export interface ThreadComment {
  id: string;
  authorName: string;
  authorWebsite: string | null;
  body: string;
  createdAt: Date;
  fromClinic: { staffName: string; jobTitle: string | null } | null;
  editedByStaff: boolean;
  deleted: boolean;
  replies: ThreadComment[];
}

export interface Thread {
  comments: ThreadComment[];
  /** Approved comments and replies (placeholders not counted). */
  count: number;
}

export async function buildThread(db: Db, clinicId: string, articleId: string): Promise<Thread> {
  const rows = await listThreadRows(db, clinicId, articleId);

  const toComment = (row: ThreadRow): ThreadComment => {
    const deleted = row.status === 'deleted';
    return {
      id: row.id,
      authorName: deleted ? '' : row.authorName,
      authorWebsite: deleted ? null : row.authorWebsite,
      body: deleted ? '' : row.body,
      createdAt: row.createdAt,
      fromClinic:
        row.staffUserId === null ? null : { staffName: row.staffName ?? row.authorName, jobTitle: row.staffJobTitle },
      editedByStaff: row.edited,
      deleted,
      replies: [],
    };
  };

  const topLevel: ThreadComment[] = [];
  const byId = new Map<string, ThreadComment>();
  for (const row of rows) {
    if (row.parentId !== null) continue;
    const comment = toComment(row);
    byId.set(row.id, comment);
    topLevel.push(comment);
  }
  let count = topLevel.filter((comment) => !comment.deleted).length;
  for (const row of rows) {
    if (row.parentId === null) continue;
    const parent = byId.get(row.parentId);
    // A reply whose parent is hidden (held, rejected, deleted without a placeholder) is not shown.
    if (parent === undefined || row.status !== 'approved') continue;
    parent.replies.push(toComment(row));
    count += 1;
  }
  return { comments: topLevel, count };
}
