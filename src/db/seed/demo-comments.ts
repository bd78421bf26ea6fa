// Demo comments under the demo articles: a few approved questions with answers
// from the clinic, one comment waiting for moderation and one likely spam, so
// the article pages and the moderation screen show what they are for. Articles
// are found by slug at run time; without them (or with comments already there)
// nothing is written.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { articles, commenterEmails, comments, users } from '../schema.ts';

const DAY = 24 * 60 * 60 * 1000;
/** The demo staff's email domain (demo-clinic.ts imports this file, so it is not imported from there). */
const DEMO_EMAIL_DOMAIN = 'demo.puncta.test';

interface DemoComment {
  key: string;
  article: string;
  /** Another demo comment's key: this one answers it. */
  replyTo?: string;
  /** A demo staff member's email: an answer from the clinic. */
  staff?: string;
  name: string;
  email?: string;
  website?: string;
  body: string;
  status: 'approved' | 'pending' | 'spam';
  heldReasons?: string[];
  spamScore?: number;
  daysAgo: number;
}

const DEMO_COMMENTS: readonly DemoComment[] = [
  {
    key: 'makeup',
    article: 'recovery-after-micro-needling',
    name: 'Megan R.',
    email: 'megan.r@readers.example',
    body:
      'How soon can I wear make-up again? I have a family wedding a few days after my appointment and would ' +
      'rather not turn up with a red face.',
    status: 'approved',
    daysAgo: 30,
  },
  {
    key: 'makeup-answer',
    article: 'recovery-after-micro-needling',
    replyTo: 'makeup',
    staff: `practitioner2@${DEMO_EMAIL_DOMAIN}`,
    name: 'Daniel Reyes, RN',
    body:
      'Good question. We ask people to wait at least a day, and longer while the skin still feels hot or raw; ' +
      'a clean mineral powder is the gentlest way back.\n\nFor a wedding, we would book the session at least a ' +
      'week before, so any redness and flaking have settled. Mention the date at your consultation and we will ' +
      'plan around it.',
    status: 'approved',
    daysAgo: 29,
  },
  {
    key: 'experience',
    article: 'recovery-after-micro-needling',
    name: 'Tomás',
    body:
      'For what it is worth: my face was pink for about two days and a bit flaky until day five. A plain ' +
      'moisturiser and a lot of sunscreen got me through it.',
    status: 'approved',
    daysAgo: 21,
  },
  {
    key: 'home-roller',
    article: 'what-is-micro-needling',
    name: 'Priya',
    email: 'priya.s@readers.example',
    body: 'Is this the same thing as the derma rollers sold for use at home?',
    status: 'approved',
    daysAgo: 18,
  },
  {
    key: 'home-roller-answer',
    article: 'what-is-micro-needling',
    replyTo: 'home-roller',
    staff: `practitioner1@${DEMO_EMAIL_DOMAIN}`,
    name: 'Dr. Maya Okafor',
    body:
      'The idea is related, but the treatment is not the same. Home rollers have very short needles and stop ' +
      'being sterile after the first use. In the clinic we use a motorised pen with a sterile cartridge that is ' +
      'thrown away after your session, and we set the depth for each area of the face. For scars in particular, ' +
      'please do not try to reach the same depth at home.',
    status: 'approved',
    daysAgo: 17,
  },
  {
    key: 'pain',
    article: 'what-is-micro-needling',
    name: 'Chris',
    email: 'chris.w@readers.example',
    body: 'Does it hurt much? I really do not like needles.',
    status: 'pending',
    heldReasons: ['first_comment'],
    spamScore: 5,
    daysAgo: 1,
  },
  {
    key: 'spam',
    article: 'what-is-micro-needling',
    name: 'Best Serum Deals',
    email: 'offers@serum-deals.example',
    website: 'https://serum-deals.example/',
    body:
      'Great post!!! Cheapest serums online https://serum-deals.example/a https://serum-deals.example/b ' +
      'https://serum-deals.example/c https://serum-deals.example/d https://serum-deals.example/e ' +
      'https://serum-deals.example/f',
    status: 'spam',
    heldReasons: ['too_fast', 'too_many_links', 'first_comment'],
    spamScore: 100,
    daysAgo: 2,
  },
];

export interface DemoCommentsSeedResult {
  created: number;
}

export async function seedDemoComments(
  db: Db,
  clinicId: string,
  options: { now?: Date } = {},
): Promise<DemoCommentsSeedResult> {
  const now = options.now ?? new Date();
  const slugs = [...new Set(DEMO_COMMENTS.map((comment) => comment.article))];
  const found = await db
    .select({ id: articles.id, slug: articles.slug })
    .from(articles)
    .where(and(eq(articles.clinicId, clinicId), inArray(articles.slug, slugs)));
  if (found.length === 0) return { created: 0 };
  const [existing] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(comments)
    .where(eq(comments.clinicId, clinicId));
  if ((existing?.n ?? 0) > 0) return { created: 0 };

  const articleIds = new Map(found.map((row) => [row.slug, row.id]));
  const staffEmails = [
    ...new Set(DEMO_COMMENTS.flatMap((comment) => (comment.staff === undefined ? [] : [comment.staff]))),
  ];
  const staff = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(inArray(users.email, staffEmails));
  const staffIds = new Map(staff.map((row) => [row.email, row.id]));
  const moderator = staffIds.get(`practitioner1@${DEMO_EMAIL_DOMAIN}`) ?? null;

  const ids = new Map<string, string>();
  let created = 0;
  for (const comment of DEMO_COMMENTS) {
    const articleId = articleIds.get(comment.article);
    if (articleId === undefined) continue;
    const parentId = comment.replyTo === undefined ? null : ids.get(comment.replyTo);
    if (parentId === undefined) continue;
    const staffUserId = comment.staff === undefined ? null : (staffIds.get(comment.staff) ?? null);
    if (comment.staff !== undefined && staffUserId === null) continue;
    const createdAt = new Date(now.getTime() - comment.daysAgo * DAY);
    const approved = comment.status === 'approved';
    const [row] = await db
      .insert(comments)
      .values({
        clinicId,
        articleId,
        parentId,
        status: comment.status,
        authorName: comment.name,
        authorEmail: staffUserId === null ? (comment.email ?? `reader.${comment.key}@readers.example`) : null,
        authorWebsite: comment.website ?? null,
        staffUserId,
        body: comment.body,
        heldReasons: comment.heldReasons ?? [],
        spamScore: comment.spamScore ?? 0,
        moderatedBy: approved ? moderator : null,
        moderatedAt: approved ? createdAt : null,
        createdAt,
      })
      .returning({ id: comments.id });
    if (row === undefined) continue;
    ids.set(comment.key, row.id);
    created += 1;
  }
  // The approved readers' addresses count as known, so their next comments would appear at once.
  const trusted = DEMO_COMMENTS.filter((comment) => comment.status === 'approved' && comment.email !== undefined);
  if (trusted.length > 0) {
    await db
      .insert(commenterEmails)
      .values(trusted.map((comment) => ({ clinicId, email: comment.email!, verifiedAt: now, trustedAt: now })))
      .onConflictDoNothing();
  }
  return { created };
}
