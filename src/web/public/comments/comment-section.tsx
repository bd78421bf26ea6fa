// "Leave a Reply": the comment thread and form under an article (issue 5).
// The article page loads the thread with loadCommentThread and renders
// <CommentSection>; the form posts to /articles/:slug/comments and works
// without JavaScript. STUB: the comments work replaces the body of both.
import type { Db } from '../../../db/database.ts';

/** Which notice to show after a post (from the redirect's ?comment= value; never user text). */
export type CommentNotice = 'held' | 'published' | 'deleted' | 'unsubscribed';

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
}

export async function loadCommentThread(_db: Db, _clinicId: string, _articleId: string): Promise<CommentThread> {
  return { comments: [], count: 0 };
}

export function CommentSection(_props: {
  articleSlug: string;
  commentsClosed: boolean;
  thread: CommentThread;
  notice?: CommentNotice;
}) {
  return null;
}
