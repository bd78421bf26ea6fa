// Images for the public site, stored re-encoded in the database (see
// src/server/features/articles/images.ts for what is done to them first).
import { and, eq } from 'drizzle-orm';
import type { Db } from '../database.ts';
import { siteImages } from '../schema.ts';

export interface NewSiteImage {
  clinicId: string;
  contentType: string;
  width: number;
  height: number;
  bytes: Buffer;
  alt: string;
  uploadedBy: string;
}

export async function insertSiteImage(db: Db, image: NewSiteImage): Promise<{ id: string }> {
  const [row] = await db.insert(siteImages).values(image).returning({ id: siteImages.id });
  if (row === undefined) throw new Error('site image insert returned no row');
  return row;
}

/** The bytes to serve, when the image belongs to the clinic. */
export async function findSiteImageBytes(
  db: Db,
  clinicId: string,
  imageId: string,
): Promise<{ contentType: string; bytes: Buffer } | undefined> {
  const [row] = await db
    .select({ contentType: siteImages.contentType, bytes: siteImages.bytes })
    .from(siteImages)
    .where(and(eq(siteImages.clinicId, clinicId), eq(siteImages.id, imageId)));
  return row;
}
