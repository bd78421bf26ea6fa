// The article page cache (HTML and gzip per node, checked against the database on every
// request) never serves a stale page: every kind of change shows on the next request.
import { eq, sql } from 'drizzle-orm';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { articles, authorProfiles, clinicMemberships, comments, services, users } from '../src/db/schema.ts';
import { eraseComment, editCommentBody, setCommentStatus } from '../src/db/repositories/comments.ts';
import { createTestApp, type TestApp } from './support/app.ts';
import { demoClinic, demoIds } from './support/factories.ts';

let t: TestApp;
let clinicId: string;
let staffId: string;
beforeAll(async () => {
  t = await createTestApp();
  clinicId = (await demoClinic(t.database)).clinicId;
  staffId = (await demoIds(t.database)).userIdOf('practitioner1@demo.puncta.test');
});
afterAll(async () => t?.close());

async function page(slug: string, gzip = false) {
  const response = await t.app.inject({
    method: 'GET',
    url: `/articles/${slug}`,
    headers: gzip ? { 'accept-encoding': 'gzip' } : {},
  });
  expect(response.statusCode).toBe(200);
  if (gzip) {
    expect(response.headers['content-encoding']).toBe('gzip');
    return gunzipSync(response.rawPayload).toString('utf8');
  }
  return response.body;
}
const token = (html: string) => /name="rendered_at" value="([^"]*)"/.exec(html)?.[1];

it('follows every change that shows on the page', async () => {
  const [article] = await t.database.db.select().from(articles).where(eq(articles.slug, 'what-is-micro-needling'));
  const slug = article!.slug;
  const first = await page(slug);
  const again = await page(slug, true);
  expect(again.replace(/value="\d+\.[^"]*"/, '')).toBe(first.replace(/value="\d+\.[^"]*"/, ''));
  expect(token(first)).toMatch(/^\d+\./);
  await new Promise((r) => setTimeout(r, 5));
  expect(token(await page(slug))).not.toBe(token(first));

  const [c] = await t.database.db
    .insert(comments)
    .values({
      clinicId,
      articleId: article!.id,
      status: 'pending',
      authorName: 'Zed',
      authorEmail: 'z@x.test',
      body: 'A pending one',
    })
    .returning();
  expect(await page(slug)).not.toContain('A pending one');
  await setCommentStatus(t.database.db, clinicId, c!.id, 'approved', staffId);
  expect(await page(slug, true)).toContain('A pending one');
  await editCommentBody(t.database.db, clinicId, c!.id, 'Edited words', staffId);
  const edited = await page(slug);
  expect(edited).toContain('Edited words');
  expect(edited).not.toContain('A pending one');
  // A change that takes no timestamp: the author's name alone.
  await t.database.db.update(comments).set({ authorName: 'Zed Renamed' }).where(eq(comments.id, c!.id));
  expect(await page(slug, true)).toContain('Zed Renamed');
  await eraseComment(t.database.db, clinicId, c!.id);
  expect(await page(slug)).not.toContain('Edited words');

  // A staff answer: the practitioner's name and job title come from other tables.
  await t.database.db.insert(comments).values({
    clinicId,
    articleId: article!.id,
    status: 'approved',
    authorName: 'x',
    staffUserId: staffId,
    body: 'Answer from staff',
  });
  const before = await page(slug);
  expect(before).toContain('Answer from staff');
  await t.database.db.update(users).set({ displayName: 'Dr. Renamed Person' }).where(eq(users.id, staffId));
  expect(await page(slug, true)).toContain('Dr. Renamed Person');
  await t.database.db
    .update(authorProfiles)
    .set({ jobTitle: 'Chief Needler' })
    .where(eq(authorProfiles.userId, staffId));
  expect(await page(slug)).toContain('Chief Needler');
  await t.database.db.delete(authorProfiles).where(eq(authorProfiles.userId, staffId));
  await t.database.db
    .update(clinicMemberships)
    .set({ title: 'Membership Title' })
    .where(eq(clinicMemberships.userId, staffId));
  expect(await page(slug, true)).toContain('Membership Title');

  // The article and its related prices.
  await t.database.db.update(articles).set({ commentsClosed: true }).where(eq(articles.id, article!.id));
  const closed = await page(slug, true);
  expect(closed).toContain('Comments are closed.');
  expect(token(closed)).toBeUndefined();
  await t.database.db.update(articles).set({ commentsClosed: false }).where(eq(articles.id, article!.id));
  expect(token(await page(slug))).toMatch(/^\d+\./);
  const related = article!.relatedServices;
  if (related.length > 0) {
    await t.database.db
      .update(services)
      .set({ name: 'Renamed service' })
      .where(sql`${services.code} = ${related[0]}`);
    expect(await page(slug)).toContain('Renamed service');
  }
  await t.database.db.update(articles).set({ status: 'deleted' }).where(eq(articles.id, article!.id));
  expect((await t.app.inject({ method: 'GET', url: `/articles/${slug}` })).statusCode).toBe(404);
});
