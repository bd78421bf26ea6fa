// The audit log's page cursor: opaque to clients (base64url of JSON), checked
// strictly on the way in so a forged one is a 400, not a database error.
import { z } from 'zod';
import type { AuditCursor } from '../../../db/repositories/audit-queries.ts';

const cursorContent = z.tuple([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.uuid()]);

export function encodeCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): AuditCursor | undefined {
  try {
    const parsed = cursorContent.safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    return parsed.success ? { occurredAt: parsed.data[0], id: parsed.data[1] } : undefined;
  } catch {
    return undefined;
  }
}
