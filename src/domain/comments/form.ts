// The "Leave a Reply" form: its limits, the clean-up every field gets, and the
// checks that turn what a browser posted into a comment draft or a list of
// messages per field. Shared by the public form (server-rendered) and the
// moderation screen (edit), so both speak the same limits.

export const COMMENT_LIMITS = {
  nameMax: 80,
  emailMax: 254,
  websiteMax: 200,
  bodyMin: 2,
  bodyMax: 5000,
} as const;

export type CommentField = 'name' | 'email' | 'website' | 'body' | 'parent';

/** What a valid post carries, cleaned: email lower-cased, website a full http(s) URL or null. */
export interface CommentDraft {
  name: string;
  email: string;
  website: string | null;
  body: string;
  parentId: string | null;
  notify: boolean;
}

/** The fields as typed, cleaned of invisible tricks, to show the form again. */
export interface CommentFormValues {
  name: string;
  email: string;
  website: string;
  body: string;
  parent: string;
  notify: boolean;
}

export type CommentFormResult =
  | { ok: true; draft: CommentDraft; values: CommentFormValues }
  | { ok: false; errors: Partial<Record<CommentField, string>>; values: CommentFormValues };

// C0 and C1 control characters except tab and line breaks (the body keeps those).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL_CHARACTERS = /[\u0000-\u001F\u007F-\u009F]/g;
/** Bidi embeddings, overrides and isolates: they can make text read differently from what it is. */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A one-line field (a name): no control characters, no bidi tricks, single spaces. */
export function cleanLine(value: string): string {
  return value.replace(BIDI_CONTROLS, '').replace(LINE_CONTROL_CHARACTERS, ' ').replace(/\s+/g, ' ').trim();
}

/** A comment body: line breaks kept (at most one empty line in a row), no control characters or bidi tricks. */
export function cleanBody(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROL_CHARACTERS, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isCommentEmail(value: string): boolean {
  return value.length <= COMMENT_LIMITS.emailMax && EMAIL.test(value) && !value.includes('..');
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * A commenter's website as a full URL, or an error message. "example.com" gets
 * https:// in front; any scheme but http and https (javascript:, data:) is refused.
 */
export function normalizeWebsite(value: string): { url: string } | { error: string } {
  const typed = cleanLine(value);
  const candidate = SCHEME.test(typed) ? typed : `https://${typed}`;
  if (!/^https?:\/\//i.test(candidate)) {
    return { error: 'Use a web address that starts with http:// or https://.' };
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return { error: 'This does not look like a web address.' };
  }
  if (
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !url.hostname.includes('.') ||
    url.username !== '' ||
    url.password !== ''
  ) {
    return { error: 'This does not look like a web address.' };
  }
  if (url.href.length > COMMENT_LIMITS.websiteMax) {
    return { error: `Keep the web address under ${COMMENT_LIMITS.websiteMax} characters.` };
  }
  return { url: url.href };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isCommentId(value: string): boolean {
  return UUID.test(value);
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return '';
}

/** Checks a posted form; every field that is wrong gets its own message. */
export function readCommentForm(fields: Record<string, unknown>): CommentFormResult {
  const values: CommentFormValues = {
    name: cleanLine(text(fields.name)).slice(0, COMMENT_LIMITS.nameMax * 2),
    email: cleanLine(text(fields.email)).slice(0, COMMENT_LIMITS.emailMax * 2),
    website: cleanLine(text(fields.website)).slice(0, COMMENT_LIMITS.websiteMax * 2),
    body: cleanBody(text(fields.body)).slice(0, COMMENT_LIMITS.bodyMax * 2),
    parent: cleanLine(text(fields.parent)),
    notify: ['on', 'true', '1', 'yes'].includes(text(fields.notify)),
  };
  const errors: Partial<Record<CommentField, string>> = {};

  if (values.name === '') errors.name = 'Enter the name to show with your comment.';
  else if (values.name.length > COMMENT_LIMITS.nameMax) {
    errors.name = `Keep the name under ${COMMENT_LIMITS.nameMax} characters.`;
  }

  const email = values.email.toLowerCase();
  if (email === '') errors.email = 'Enter your email address. It is never shown.';
  else if (!isCommentEmail(email)) errors.email = 'Enter an email address like name@example.com.';

  let website: string | null = null;
  if (values.website !== '') {
    const normalized = normalizeWebsite(values.website);
    if ('error' in normalized) errors.website = normalized.error;
    else website = normalized.url;
  }

  if (values.body.length < COMMENT_LIMITS.bodyMin) errors.body = 'Write your comment.';
  else if (values.body.length > COMMENT_LIMITS.bodyMax) {
    errors.body = `Keep your comment under ${COMMENT_LIMITS.bodyMax.toLocaleString('en-US')} characters (it has ${values.body.length.toLocaleString('en-US')}).`;
  }

  if (values.parent !== '' && !isCommentId(values.parent)) {
    errors.parent = 'The comment you are replying to was not found. Reply to it again from the article.';
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    draft: {
      name: values.name,
      email,
      website,
      body: values.body,
      parentId: values.parent === '' ? null : values.parent.toLowerCase(),
      notify: values.notify,
    },
  };
}
